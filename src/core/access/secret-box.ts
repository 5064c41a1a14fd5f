import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * Authenticated encryption of credentials at rest (AES-256-GCM, random 96-bit nonce per value).
 * Seals with the first key; opens with any of them (the tag tells the right one), so a key rotation
 * that was cut short leaves every secret readable.
 */
export class SecretBox {
  private readonly keys: Buffer[];

  constructor(key: Buffer, ...older: Buffer[]) {
    this.keys = [key, ...older];
    if (this.keys.some((k) => k.length !== 32)) throw new Error('the secret key must be 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.keys[0]!, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64'))).join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    for (const key of this.keys) {
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // not sealed with this key: try the next
      }
    }
    throw new Error('a stored secret cannot be opened with the secret key file (wrong or lost key?)');
  }

  /**
   * A keyed digest (HMAC-SHA256 under a subkey of the current key) of text that holds secrets, so
   * that a stored digest tells a repeat from a different request without letting a copy of the
   * database test guesses of the secrets in it.
   */
  mac(text: string): string {
    return macWith(this.keys[0]!, text);
  }

  /** Whether `digest` is `text`'s, under any of the keys (a rotation may be under way). */
  matches(text: string, digest: string): boolean {
    const given = Buffer.from(digest, 'hex');
    return this.keys.some((key) => {
      const own = Buffer.from(macWith(key, text), 'hex');
      return own.length === given.length && timingSafeEqual(own, given);
    });
  }
}

function macWith(key: Buffer, text: string): string {
  const subkey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'covalence digest', 32));
  return createHmac('sha256', subkey).update(text).digest('hex');
}

/** The key from a file, created (mode 0600) with a random key on first start. */
export function loadOrCreateKey(path: string): Buffer {
  if (!existsSync(path)) writeKeyFile(path, randomBytes(32), 'wx');
  return readKeyFile(path);
}

/**
 * The service's keys: the key file, and `<file>.old` while a rotation is unfinished
 * (`covalence secrets rotate-key`), so that secrets sealed with either key open.
 */
export function loadSecretBox(path: string): SecretBox {
  const key = loadOrCreateKey(path);
  return existsSync(oldKeyPath(path)) ? new SecretBox(key, readKeyFile(oldKeyPath(path))) : new SecretBox(key);
}

export const oldKeyPath = (path: string) => `${path}.old`;

export function readKeyFile(path: string): Buffer {
  chmodSync(path, 0o600);
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`the key file ${path} does not hold a base64 32-byte key`);
  return key;
}

/** Writes a key file, mode 0600 from its first byte: created only (`wx`), or replaced whole by a rename. */
export function writeKeyFile(path: string, key: Buffer, mode: 'wx' | 'replace' = 'replace'): void {
  mkdirSync(dirname(path), { recursive: true });
  const target = mode === 'wx' ? path : `${path}.tmp-${process.pid}`;
  const fd = openSync(target, mode === 'wx' ? 'wx' : 'w', 0o600);
  try {
    writeSync(fd, key.toString('base64') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (target !== path) renameSync(target, path);
}

import { randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import type { Store } from '../../store/database.js';
import { listPodManagers, updatePodManager } from '../../store/pod-managers.js';
import { listSubscriptions, resealSubscription } from '../../store/subscriptions.js';
import { oldKeyPath, readKeyFile, SecretBox, writeKeyFile } from './secret-box.js';

export interface Rotation {
  /** Secrets re-sealed with the new key. */
  resealed: number;
  /** True when this run finished a rotation an earlier run started (the key was not changed again). */
  resumed: boolean;
}

/**
 * `covalence secrets rotate-key`: every stored secret re-sealed with a new key, in one transaction.
 * Each step can be repeated, so a run that is cut short is finished by running the command again:
 * (1) the current key is kept as `<file>.old`; (2) a new key replaces the key file (a rename);
 * (3) the secrets are re-sealed, opening with either key; (4) `<file>.old` is removed. Until (4),
 * covalence opens secrets with both keys. Covalence must not be running meanwhile: it would keep
 * sealing with the key it read at start.
 */
export async function rotateKey(store: Store, keyFile: string): Promise<Rotation> {
  const oldFile = oldKeyPath(keyFile);
  if (!existsSync(keyFile)) throw new Error(`there is no key file at ${keyFile}: nothing to rotate (see --secret-key-file)`);
  const resumed = existsSync(oldFile);
  if (!resumed) writeKeyFile(oldFile, readKeyFile(keyFile));
  const old = readKeyFile(oldFile);
  if (readKeyFile(keyFile).equals(old)) writeKeyFile(keyFile, randomBytes(32));
  const box = new SecretBox(readKeyFile(keyFile), old);
  const resealed = await store.transaction(async (tx) => {
    const rows = await listPodManagers(tx);
    for (const row of rows) await updatePodManager(tx, row.uuid, { password_sealed: box.seal(box.open(row.password_sealed)) });
    const hooks = await listSubscriptions(tx);
    for (const hook of hooks) await resealSubscription(tx, hook.id, box.seal(box.open(hook.secret_sealed)));
    return rows.length + hooks.length;
  });
  unlinkSync(oldFile);
  return { resealed, resumed };
}

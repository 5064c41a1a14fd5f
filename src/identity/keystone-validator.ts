import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { KeystoneCredentials } from '../shared/keystone-credentials.js';
import { KeystoneLogin, type KeystoneTransport } from '../shared/keystone-login.js';

/** covalence's own service user, which asks Keystone about the tokens its callers send. */
export interface KeystoneValidatorConfig extends KeystoneCredentials {
  caFile?: string;
  insecure: boolean;
  timeoutMs: number;
  /** How long an answer about a token is reused before Keystone is asked again. */
  cacheTtlMs: number;
}

/** What a valid token says about its holder. */
export interface KeystoneIdentity {
  userId: string;
  userName: string;
  /** Null for a token not scoped to a project. */
  projectId: string | null;
  roles: string[];
}

/** Keystone could not be asked: unreachable, too slow, or it refused covalence's own credentials. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

/** Fernet and JWS tokens are URL-safe text; anything else is not a token and is not sent on. */
const TOKEN_SHAPE = /^[A-Za-z0-9_\-+/=.]{1,2048}$/;
const CACHE_LIMIT = 10_000;

/**
 * Validates callers' tokens with Keystone v3 (`GET /v3/auth/tokens`, the subject token in
 * `X-Subject-Token`), as keystonemiddleware does: covalence logs in once as its service user
 * (shared/keystone-login.ts) and renews that login when it expires or is refused. Answers, valid or
 * not, are cached for `cacheTtlMs` (never past the token's expiry), keyed by the token's SHA-256: a
 * revoked token keeps working until its entry expires.
 */
export class KeystoneValidator {
  readonly #cfg: KeystoneValidatorConfig;
  readonly #agent: Agent;
  readonly #cache = new Map<string, { identity: KeystoneIdentity | null; until: number }>();
  readonly #login: KeystoneLogin;
  readonly #transport: KeystoneTransport;

  constructor(cfg: KeystoneValidatorConfig) {
    this.#cfg = cfg;
    this.#login = new KeystoneLogin(cfg);
    this.#transport = {
      post: (url, body) => this.#send('POST', url, {}, body),
      refused: (reply) => new IdentityError(`Keystone at ${this.#login.base} refused covalence's service user ${cfg.username} (${reply.status})`),
    };
    this.#agent = new Agent({
      connect: { timeout: cfg.timeoutMs, ...(cfg.caFile && { ca: readFileSync(cfg.caFile) }), rejectUnauthorized: !cfg.insecure },
      headersTimeout: cfg.timeoutMs,
      bodyTimeout: cfg.timeoutMs,
    });
  }

  /** The token's holder, or null when Keystone does not know the token (unknown, expired, revoked). */
  async validate(token: string): Promise<KeystoneIdentity | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.#cache.get(key);
    if (hit && hit.until > Date.now()) return hit.identity;
    const { identity, expiresAt } = await this.#ask(token);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, { identity, until: Math.min(Date.now() + this.#cfg.cacheTtlMs, expiresAt) });
    return identity;
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #ask(token: string, renewed = false): Promise<{ identity: KeystoneIdentity | null; expiresAt: number }> {
    const service = await this.#login.token(this.#transport);
    const reply = await this.#send('GET', `${this.#login.base}/v3/auth/tokens?nocatalog`, { 'x-auth-token': service.id, 'x-subject-token': token });
    if (reply.status === 200) return identityOf(reply.body);
    // Keystone answers 404 for a token it does not recognise; a 401 is about covalence's own login.
    if (reply.status === 404) return { identity: null, expiresAt: Infinity };
    if (reply.status === 401 && !renewed) {
      this.#login.forget();
      return this.#ask(token, true);
    }
    throw new IdentityError(`Keystone at ${this.#login.base} answered ${reply.status} when asked about a token`);
  }

  async #send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown) {
    try {
      const res = await request(url, {
        method, dispatcher: this.#agent,
        headers: { accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.statusCode, headers: res.headers, body: parsed };
    } catch (err) {
      throw new IdentityError(`Keystone at ${this.#login.base} could not be reached (${(err as { code?: string }).code ?? (err as Error).message})`);
    }
  }
}

function identityOf(body: unknown): { identity: KeystoneIdentity | null; expiresAt: number } {
  const token = (body as { token?: Record<string, any> } | undefined)?.token; // eslint-disable-line @typescript-eslint/no-explicit-any -- Keystone's JSON, checked below
  const expiresAt = Date.parse(String(token?.expires_at));
  if (typeof token?.user?.id !== 'string' || Number.isNaN(expiresAt) || expiresAt <= Date.now()) return { identity: null, expiresAt: Infinity };
  const roles = Array.isArray(token.roles) ? token.roles.map((r: { name?: unknown }) => r?.name).filter((n: unknown): n is string => typeof n === 'string') : [];
  return {
    identity: { userId: token.user.id, userName: String(token.user.name ?? token.user.id), projectId: typeof token.project?.id === 'string' ? token.project.id : null, roles },
    expiresAt,
  };
}

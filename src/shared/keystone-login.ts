import type { KeystoneCredentials } from './keystone-credentials.js';

/** Keystone's answer to a login, as the caller's HTTP client read it (JSON body parsed). */
export interface KeystoneReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * How a room sends the login: its own HTTP client, timeouts and transport errors, and the error it
 * throws when Keystone answers without a usable token.
 */
export interface KeystoneTransport {
  post(url: string, body: unknown): Promise<KeystoneReply>;
  refused(reply: KeystoneReply): Error;
}

/** A token of covalence's own, and the service catalog that came with it. */
export interface ServiceToken {
  id: string;
  catalog: unknown;
}

/**
 * covalence's project-scoped Keystone v3 password login, as Ironic's client and as the service user
 * that checks callers' tokens: one login shared by concurrent callers, renewed before the token
 * expires or after `forget`.
 */
export class KeystoneLogin {
  /** Keystone's URL without `/v3`. */
  readonly base: string;
  #token: (ServiceToken & { renewAt: number }) | undefined;
  #login: Promise<ServiceToken & { renewAt: number }> | undefined;

  constructor(private readonly credentials: KeystoneCredentials) {
    const trimmed = credentials.authUrl.replace(/\/+$/, '');
    this.base = trimmed.endsWith('/v3') ? trimmed.slice(0, -'/v3'.length) : trimmed;
  }

  /** The token in hand, or a new one through `transport` when there is none or it is about to expire. */
  async token(transport: KeystoneTransport): Promise<ServiceToken> {
    if (this.#token === undefined || Date.now() >= this.#token.renewAt) {
      this.#login ??= this.#logIn(transport).finally(() => (this.#login = undefined));
      this.#token = await this.#login;
    }
    return this.#token;
  }

  /** The token was refused: the next `token` logs in again. */
  forget(): void {
    this.#token = undefined;
  }

  async #logIn(transport: KeystoneTransport): Promise<ServiceToken & { renewAt: number }> {
    const c = this.credentials;
    const reply = await transport.post(`${this.base}/v3/auth/tokens`, {
      auth: {
        identity: { methods: ['password'], password: { user: { name: c.username, domain: { name: c.userDomainName }, password: c.password } } },
        scope: { project: { name: c.projectName, domain: { name: c.projectDomainName } } },
      },
    });
    const header = reply.headers['x-subject-token'];
    const id = Array.isArray(header) ? header[0] : header;
    const token = (reply.body as { token?: { expires_at?: unknown; catalog?: unknown } } | undefined)?.token;
    const expiresAt = typeof token?.expires_at === 'string' ? Date.parse(token.expires_at) : NaN;
    if (reply.status !== 201 || id === undefined || Number.isNaN(expiresAt)) throw transport.refused(reply);
    // a minute early, or halfway for short-lived tokens, so no request carries a token that expires on the way
    return { id, catalog: token?.catalog, renewAt: expiresAt - Math.min(60_000, (expiresAt - Date.now()) / 2) };
  }
}

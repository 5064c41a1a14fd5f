import type { Dispatcher } from 'undici';
import { ProvisionError, type ProvisionStep } from '../errors.js';
import type { IronicEndpointConfig, KeystoneAuth } from './config.js';
import { exchange, failure, header, isRecord } from './http.js';

/** Where Ironic is and what proves who we are, for the next request. */
export interface Session {
  /** Ironic's base URL, without `/v1`. */
  endpoint: string;
  headers: Record<string, string>;
}

export interface IronicAuth {
  session(step: ProvisionStep): Promise<Session>;
  /** Ironic answered 401: forget the credentials in hand. True when asking again may help. */
  renew(): boolean;
}

export function createAuth(cfg: IronicEndpointConfig, dispatcher: Dispatcher): IronicAuth {
  if (usesKeystone(cfg)) return new KeystoneTokens(cfg.auth, cfg.url, dispatcher);
  const session: Session = {
    endpoint: withoutSuffix(cfg.url, '/v1'),
    headers:
      cfg.auth.type === 'http_basic'
        ? { authorization: `Basic ${Buffer.from(`${cfg.auth.username}:${cfg.auth.password}`).toString('base64')}` }
        : {},
  };
  return { session: async () => session, renew: () => false };
}

function usesKeystone(cfg: IronicEndpointConfig): cfg is Extract<IronicEndpointConfig, { auth: KeystoneAuth }> {
  return cfg.auth.type === 'keystone';
}

interface Token {
  id: string;
  endpoint: string;
  renewAt: number;
}

/** Keystone v3 password tokens: one login shared by concurrent requests, renewed before it expires or after a 401. */
class KeystoneTokens implements IronicAuth {
  #token: Token | undefined;
  #login: Promise<Token> | undefined;

  constructor(
    private readonly auth: KeystoneAuth,
    private readonly url: string | undefined,
    private readonly dispatcher: Dispatcher,
  ) {}

  async session(step: ProvisionStep): Promise<Session> {
    if (this.#token === undefined || Date.now() >= this.#token.renewAt) {
      this.#login ??= this.#logIn(step).finally(() => (this.#login = undefined));
      this.#token = await this.#login;
    }
    return { endpoint: this.#token.endpoint, headers: { 'x-auth-token': this.#token.id } };
  }

  renew(): boolean {
    this.#token = undefined;
    return true;
  }

  async #logIn(step: ProvisionStep): Promise<Token> {
    const a = this.auth;
    const base = withoutSuffix(a.authUrl, '/v3');
    const reply = await exchange(this.dispatcher, step, 'Keystone', `${base}/v3/auth/tokens`, {
      method: 'POST',
      headers: {},
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: a.username, domain: { name: a.userDomainName }, password: a.password } },
          },
          scope: { project: { name: a.projectName, domain: { name: a.projectDomainName } } },
        },
      },
    });
    if (reply.status !== 201) throw failure(reply, step, 'Keystone');
    const id = header(reply, 'x-subject-token');
    const token = isRecord(reply.body) && isRecord(reply.body.token) ? reply.body.token : {};
    const expiresAt = typeof token.expires_at === 'string' ? Date.parse(token.expires_at) : NaN;
    if (id === undefined || Number.isNaN(expiresAt)) {
      throw new ProvisionError('auth', step, `Keystone at ${base} answered without a token for user ${a.username}`);
    }
    const now = Date.now();
    return {
      id,
      endpoint: withoutSuffix(this.url ?? this.#catalogEndpoint(step, token.catalog, base), '/v1'),
      // a minute early, or halfway for short-lived tokens, so no request carries a token that expires on the way
      renewAt: expiresAt - Math.min(60_000, (expiresAt - now) / 2),
    };
  }

  #catalogEndpoint(step: ProvisionStep, catalog: unknown, base: string): string {
    const region = this.auth.region;
    const entries = Array.isArray(catalog) ? catalog.filter(isRecord) : [];
    const endpoints = entries
      .filter((e) => e.type === 'baremetal')
      .flatMap((e) => (Array.isArray(e.endpoints) ? e.endpoints : []));
    const found = endpoints
      .filter(isRecord)
      .find((e) => e.interface === 'public' && (region === undefined || e.region_id === region || e.region === region));
    if (typeof found?.url !== 'string') {
      const where = region === undefined ? '' : ` in region ${region}`;
      const project = this.auth.projectName;
      const missing = `Keystone at ${base} lists no public baremetal endpoint${where} for project ${project}`;
      throw new ProvisionError('auth', step, missing);
    }
    return found.url;
  }
}

function withoutSuffix(url: string, suffix: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : trimmed;
}

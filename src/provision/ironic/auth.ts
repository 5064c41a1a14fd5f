import type { Dispatcher } from 'undici';
import { KeystoneLogin } from '../../shared/keystone-login.js';
import { ProvisionError, type ProvisionStep } from '../errors.js';
import type { IronicEndpointConfig, KeystoneAuth } from './config.js';
import { exchange, failure, isRecord } from './http.js';

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

/** Ironic's endpoint and a token from Keystone (shared/keystone-login.ts), renewed before it expires or after a 401. */
class KeystoneTokens implements IronicAuth {
  readonly #login: KeystoneLogin;

  constructor(
    private readonly auth: KeystoneAuth,
    private readonly url: string | undefined,
    private readonly dispatcher: Dispatcher,
  ) {
    this.#login = new KeystoneLogin(auth);
  }

  async session(step: ProvisionStep): Promise<Session> {
    const token = await this.#login.token({
      post: (url, body) => exchange(this.dispatcher, step, 'Keystone', url, { method: 'POST', headers: {}, body }),
      refused: (reply) => reply.status !== 201
        ? failure(reply, step, 'Keystone')
        : new ProvisionError('auth', step, `Keystone at ${this.#login.base} answered without a token for user ${this.auth.username}`),
    });
    const endpoint = this.url ?? this.#catalogEndpoint(step, token.catalog);
    return { endpoint: withoutSuffix(endpoint, '/v1'), headers: { 'x-auth-token': token.id } };
  }

  renew(): boolean {
    this.#login.forget();
    return true;
  }

  #catalogEndpoint(step: ProvisionStep, catalog: unknown): string {
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
      const missing = `Keystone at ${this.#login.base} lists no public baremetal endpoint${where} for project ${project}`;
      this.#login.forget(); // a token without Ironic's endpoint is no use: the next request logs in again
      throw new ProvisionError('auth', step, missing);
    }
    return found.url;
  }
}

function withoutSuffix(url: string, suffix: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : trimmed;
}

import { request, type Dispatcher } from 'undici';
import { ApiError, Unreachable } from './errors.js';
import { printable } from './printable.js';

/** A JSON object as the API answers it; the CLI prints fields, it does not interpret most of them. */
export type Row = Record<string, unknown>;
export type Query = Record<string, string | undefined>;

/** A path with every interpolated id percent-encoded: route`/v1/nodes/${uuid}`. */
export function route(parts: TemplateStringsArray, ...ids: string[]): string {
  return parts.reduce((out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i]!) : ''), '');
}

/** The covalence v1 API over HTTP: JSON in, JSON out, Valence error bodies turned into ApiError. */
export class ApiClient {
  constructor(readonly url: string, private readonly token?: string) {}

  get<T = Row>(path: string, query?: Query): Promise<T> {
    return this.call('GET', path, { query });
  }

  post<T = Row>(path: string, body?: unknown, query?: Query): Promise<T> {
    return this.call('POST', path, { body, query });
  }

  patch<T = Row>(path: string, body: unknown): Promise<T> {
    return this.call('PATCH', path, { body });
  }

  delete<T = Row>(path: string, query?: Query): Promise<T> {
    return this.call('DELETE', path, { query });
  }

  private async call<T>(method: Dispatcher.HttpMethod, path: string, { body, query }: { body?: unknown; query?: Query }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['x-auth-token'] = this.token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await request(this.url + path + queryString(query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new Unreachable(this.url, reasonOf(err));
    }
    const text = await res.body.text();
    const parsed = parse(text);
    if (res.statusCode >= 400) throw apiError(res.statusCode, parsed, text);
    warnIfPartial(res.headers['x-covalence-unreachable']);
    if (parsed === undefined && text !== '') throw new Error(`${this.url}${path} answered ${res.statusCode} with something that is not JSON; is ${this.url} a covalence API?`);
    return parsed as T;
  }
}

/** A listing that lacks what some pod managers hold says so (the API names them in a header), on stderr. */
function warnIfPartial(header: string | string[] | undefined): void {
  if (typeof header !== 'string') return;
  const names = header.split(', ').map((n) => printable(decodeURIComponent(n))).join(', ');
  process.stderr.write(`covalence: warning: pod manager(s) ${names} did not answer; what they hold is missing from this list\n`);
}

/** Only the parameters that are set. */
function queryString(query: Query = {}): string {
  const set = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined);
  return set.length === 0 ? '' : `?${new URLSearchParams(set)}`;
}

export function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A Valence body gives its sentence; anything else (a proxy's page) its status and first line. */
export function apiError(status: number, parsed: unknown, text: string): ApiError {
  const body = (parsed ?? {}) as { title?: unknown; detail?: unknown };
  if (typeof body.detail === 'string') return new ApiError(status, String(body.title ?? 'Error'), body.detail);
  return new ApiError(status, 'Error', text.split('\n')[0]?.slice(0, 200) || 'no error body');
}

/** undici's and the socket's codes (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, ENOTFOUND) say the most. */
function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? e.message ?? String(err);
}

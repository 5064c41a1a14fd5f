import { signal } from '@preact/signals';
import type { ValenceErrorBody } from './wire';

const TOKEN_KEY = 'covalence.token';

/** The token entered once per browser tab, sent as X-Auth-Token on every request. */
export const token = signal<string | null>(sessionStorage.getItem(TOKEN_KEY));
/** Set when covalence itself refused a request (401): the shell asks for a token. */
export const tokenWanted = signal(false);

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  token.value = value;
  tokenWanted.value = false;
}

/** An API error in the API's own words (Valence's body), or a network failure put the same way. */
class ApiError extends Error {
  constructor(readonly body: ValenceErrorBody) {
    super(body.detail);
  }
  get status(): number {
    return this.body.status;
  }
}

function authHeaders(): Record<string, string> {
  return token.value ? { accept: 'application/json', 'x-auth-token': token.value } : { accept: 'application/json' };
}

/**
 * A 401 may be the pod manager refusing covalence (wrong EEM credentials), not covalence refusing
 * us: only when a plain read of covalence's own records is refused too is a token asked for.
 */
async function askTokenIfRefused(): Promise<void> {
  const res = await fetch('/v1/flavors', { headers: authHeaders() }).catch(() => null);
  if (res?.status === 401) tokenWanted.value = true;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers = authHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError({ request_id: '', code: 'NetworkError', status: 0, title: 'covalence is unreachable', detail: `${method} ${path}: ${(err as Error).message}` });
  }
  const text = await res.text();
  const parsed = text ? safeJson(text) : undefined;
  if (res.ok) return parsed as T;
  if (res.status === 401) void askTokenIfRefused();
  throw new ApiError(isValenceError(parsed) ? parsed : {
    request_id: res.headers.get('x-openstack-request-id') ?? '',
    code: String(res.status),
    status: res.status,
    title: res.statusText || `HTTP ${res.status}`,
    detail: text.slice(0, 300) || `${method} ${path} answered ${res.status}.`,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isValenceError(v: unknown): v is ValenceErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ValenceErrorBody).detail === 'string' && typeof (v as ValenceErrorBody).status === 'number';
}

/** Any thrown value as a Valence body, for showing. */
export function asErrorBody(err: unknown): ValenceErrorBody {
  if (err instanceof ApiError) return err.body;
  return { request_id: '', code: 'Error', status: 0, title: 'Error', detail: err instanceof Error ? err.message : String(err) };
}

import type { Readable } from 'node:stream';
import { Agent, errors, request, type Dispatcher } from 'undici';
import type { DriverConnection } from '../driver.js';
import { FabricError } from '../fabric-error.js';
import { JsonArrayItems } from '../json-array-items.js';

type Method = 'GET' | 'PUT' | 'DELETE';

/**
 * HTTP to one EEM: Basic auth, JSON both ways, connect and read timeouts, and transport failures
 * turned into FabricErrors with stable kinds. Only GETs are retried (once, on a dropped connection):
 * a PUT whose outcome is unknown is for the caller to check on the fabric, not to repeat blindly.
 */
export class EemClient {
  private readonly agent: Agent;
  private readonly base: string;
  private readonly authorization: string;

  constructor(conn: DriverConnection) {
    this.base = conn.url.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${conn.username}:${conn.password}`).toString('base64')}`;
    this.agent = new Agent({
      connectTimeout: conn.connectTimeoutMs,
      connect: { ...(conn.ca !== undefined && { ca: conn.ca }), rejectUnauthorized: !conn.insecure },
      headersTimeout: conn.readTimeoutMs,
      bodyTimeout: conn.readTimeoutMs,
      keepAliveTimeout: 4_000,
      connections: 16,
    });
  }

  /** `call` names the route template (e.g. `PUT devices/{id}/group_id`) in errors and metrics. */
  send(method: Method, path: string, call: string, body?: unknown): Promise<unknown> {
    return this.retried(method, () => this.once(method, path, call, body));
  }

  /**
   * A GET whose answer is an object holding one long array under `key` (an EEM listing: 6.6 MB of
   * JSON at 10,000 boards): each element goes to `each` as it arrives and only what `each` returns
   * is kept (undefined: nothing), so the answer never lives whole, as text or parsed. `rest` is the
   * answer with that array emptied, for the caller to check.
   */
  list<T>(path: string, call: string, key: string, each: (element: unknown, index: number) => T | undefined): Promise<{ rest: object; items: T[] }> {
    return this.retried('GET', () => this.listOnce(path, call, key, each));
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async retried<T>(method: Method, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (err) {
      if (method === 'GET' && err instanceof FabricError && err.kind === 'unreachable') return attempt();
      throw err;
    }
  }

  private async once(method: Method, path: string, call: string, body?: unknown): Promise<unknown> {
    const res = await this.request(method, path, call, body);
    const text = await textOf(res.body, call);
    if (!succeeded(res.statusCode)) throw failure(res.statusCode, text, call);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw notJson(res.statusCode, call);
    }
    return jsonObject(res.statusCode, json, call);
  }

  private async listOnce<T>(path: string, call: string, key: string, each: (element: unknown, index: number) => T | undefined): Promise<{ rest: object; items: T[] }> {
    const res = await this.request('GET', path, call);
    if (!succeeded(res.statusCode)) throw failure(res.statusCode, await textOf(res.body, call), call);
    const items: T[] = [];
    let index = 0;
    const reader = new JsonArrayItems(key, (element) => {
      const kept = each(element, index++);
      if (kept !== undefined) items.push(kept);
    });
    let rest: unknown;
    try {
      await readAll(res.body, (chunk) => reader.push(chunk));
      rest = reader.end();
    } catch (err) {
      if (err instanceof FabricError) throw err;
      if (err instanceof SyntaxError) throw notJson(res.statusCode, call);
      throw transportError(err, call);
    }
    return { rest: jsonObject(res.statusCode, rest, call), items };
  }

  private async request(method: Method, path: string, call: string, body?: unknown) {
    try {
      return await request(`${this.base}/${path}`, {
        method,
        dispatcher: this.agent,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw transportError(err, call);
    }
  }
}

const succeeded = (status: number) => status >= 200 && status < 300;

/** A whole answer's text; a connection lost while reading it is a transport failure of `call`. */
async function textOf(body: Dispatcher.ResponseData['body'], call: string): Promise<string> {
  try {
    return await body.text();
  } catch (err) {
    throw transportError(err, call);
  }
}

/**
 * Hands each chunk of a body to `each` as it comes, in the stream's flowing mode: pulled one at a
 * time (for await), the body pauses the socket between chunks, and the EEM, another process, waits
 * for each read (a 2,000-device no-change sync took half again as long). What `each` throws ends the reading.
 */
function readAll(body: Readable, each: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('data', (chunk: Buffer) => {
      try {
        each(chunk);
      } catch (err) {
        body.destroy();
        reject(err);
      }
    });
    body.once('end', resolve);
    body.once('error', reject);
  });
}

function notJson(status: number, call: string): FabricError {
  return new FabricError('bad_response', call, `the EEM answered ${status} with a body that is not JSON`, undefined, status);
}

/** A successful answer is a JSON object. */
function jsonObject(status: number, json: unknown, call: string): object {
  if (typeof json !== 'object' || json === null) {
    throw new FabricError('bad_response', call, `the EEM answered ${status} without a JSON object`, undefined, status);
  }
  return json;
}

/** What an unsuccessful answer means: refused credentials, an EEM error body, or a body that is not JSON. */
function failure(status: number, text: string, call: string): FabricError {
  if (status === 401) return new FabricError('auth', call, 'the EEM rejected the credentials (401)', undefined, 401);
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    return notJson(status, call);
  }
  const { code, message } = eemErrorBody(json);
  const kind = status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'rejected';
  return new FabricError(kind, call, `the EEM answered ${status}${code ? ` (${code})` : ''}: ${message}`, code, status);
}

function eemErrorBody(json: unknown): { code?: string; message: string } {
  if (typeof json === 'object' && json !== null) {
    const { code, message } = json as Record<string, unknown>;
    return {
      code: typeof code === 'string' ? code : undefined,
      message: typeof message === 'string' ? message : 'no message',
    };
  }
  return { message: 'no error body' };
}

function transportError(err: unknown, call: string): FabricError {
  if (err instanceof errors.ConnectTimeoutError) {
    return new FabricError('timeout', call, 'the EEM did not accept a connection in time');
  }
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError) {
    return new FabricError('timeout', call, 'the EEM did not answer in time');
  }
  const code = (err as { code?: string }).code ?? '';
  const reason = code || (err instanceof Error ? err.message : String(err));
  return new FabricError('unreachable', call, `the EEM could not be reached (${reason})`);
}

import { Agent, errors, request } from 'undici';
import type { DriverConnection } from '../driver.js';
import { FabricError } from '../fabric-error.js';

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
  async send(method: Method, path: string, call: string, body?: unknown): Promise<unknown> {
    try {
      return await this.once(method, path, call, body);
    } catch (err) {
      if (method === 'GET' && err instanceof FabricError && err.kind === 'unreachable') {
        return this.once(method, path, call, body);
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async once(method: Method, path: string, call: string, body?: unknown): Promise<unknown> {
    let status: number;
    let text: string;
    try {
      const res = await request(`${this.base}/${path}`, {
        method,
        dispatcher: this.agent,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw transportError(err, call);
    }
    if (status === 401) throw new FabricError('auth', call, 'the EEM rejected the credentials (401)', undefined, 401);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new FabricError('bad_response', call, `the EEM answered ${status} with a body that is not JSON`, undefined, status);
    }
    if (status >= 200 && status < 300) {
      if (typeof json !== 'object' || json === null) {
        throw new FabricError('bad_response', call, `the EEM answered ${status} without a JSON object`, undefined, status);
      }
      return json;
    }
    const { code, message } = eemErrorBody(json);
    const kind = status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'rejected';
    throw new FabricError(kind, call, `the EEM answered ${status}${code ? ` (${code})` : ''}: ${message}`, code, status);
  }
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

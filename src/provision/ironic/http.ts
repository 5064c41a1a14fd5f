import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import { ProvisionError, type ProvisionStep } from '../errors.js';
import type { IronicConfig } from './config.js';

/** One HTTP exchange with an OpenStack service, transport failures already turned into ProvisionErrors. */
export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export type Service = 'Ironic' | 'Keystone';

export function createAgent(cfg: Pick<IronicConfig, 'timeoutMs' | 'caFile' | 'insecure'>): Agent {
  return new Agent({
    connect: {
      timeout: cfg.timeoutMs,
      ...(cfg.caFile !== undefined && { ca: readFileSync(cfg.caFile) }),
      rejectUnauthorized: cfg.insecure !== true,
    },
    headersTimeout: cfg.timeoutMs,
    bodyTimeout: cfg.timeoutMs,
  });
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

export async function exchange(
  dispatcher: Dispatcher,
  step: ProvisionStep,
  service: Service,
  url: string,
  init: { method: Dispatcher.HttpMethod; headers: Record<string, string>; body?: unknown },
): Promise<Reply> {
  try {
    const res = await request(url, {
      dispatcher,
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.statusCode, headers: res.headers, body: parseJson(await res.body.text()) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const where = `${service} at ${new URL(url).origin}`;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      throw new ProvisionError('timeout', step, `${where} did not answer in time (${code})`);
    }
    throw new ProvisionError('unreachable', step, `${where} is unreachable: ${(err as Error).message}`);
  }
}

/** The error for an answer that is not a success, by status; callers handle the statuses they expect first. */
export function failure(reply: Pick<Reply, 'status' | 'body'>, step: ProvisionStep, service: Service): ProvisionError {
  const message = openstackMessage(reply.body);
  const details = { status: reply.status, ...(message !== undefined && { ironicMessage: message }) };
  const said = `(${reply.status})${message === undefined ? '' : `: ${message}`}`;
  if (reply.status === 401 || reply.status === 403) {
    return new ProvisionError('auth', step, `${service} refused the credentials ${said}`, details);
  }
  if (reply.status === 502 || reply.status === 503) {
    return new ProvisionError('unreachable', step, `${service} is unavailable ${said}`, details);
  }
  if (reply.status === 504) return new ProvisionError('timeout', step, `${service} timed out ${said}`, details);
  if (reply.status >= 500) return new ProvisionError('failed', step, `${service} failed ${said}`, details);
  return new ProvisionError('rejected', step, `${service} rejected it ${said}`, details);
}

/**
 * The human message of an OpenStack error body. Ironic's is JSON inside a string
 * (`{"error_message": "{\"faultstring\": ...}"}`); Keystone and Ironic's auth layers say
 * `{"error": {"message": ...}}`.
 */
export function openstackMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body === '' ? undefined : body;
  if (!isRecord(body)) return undefined;
  const wrapped = typeof body.error_message === 'string' ? parseJson(body.error_message) : body.error_message;
  if (isRecord(wrapped) && typeof wrapped.faultstring === 'string') return wrapped.faultstring;
  if (typeof wrapped === 'string') return wrapped;
  if (isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
  return undefined;
}

export function header(reply: Reply, name: string): string | undefined {
  const value = reply.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

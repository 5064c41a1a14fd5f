// Shared by the Redfish tests: a token-mode stack with callers of each role, and a walk of the service.
import assert from 'node:assert/strict';
import { ApiTokens } from '../../src/core/index.js';
import type { Role } from '../../src/shared/vocabulary.js';
import type { ServeConfig } from '../../src/config.js';
import { podManagerBody, startStack, type Answer, type Stack } from '../../support/stack.js';

export const as = (token: string) => ({ 'x-auth-token': token });

export interface RedfishStack {
  s: Stack;
  podm: string;
  admin: string;
  /** A member of project p1, a member of p2, a reader of p1. */
  member: string;
  otherMember: string;
  reader: string;
  /** A Redfish GET (or any method) as the admin unless a token is given. */
  rf(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<Answer>;
  /** The v1 API, as the admin unless a token is given. */
  v1(method: string, path: string, body?: unknown, token?: string): Promise<Answer>;
}

export async function startRedfishStack(config: Partial<ServeConfig> = {}): Promise<RedfishStack> {
  const s = await startStack({ auth: 'token', config });
  const mint = (role: Role, project: string) => new ApiTokens(s.service.core.store.db).create({ role, project }).then((t) => t.token);
  const admin = await mint('admin', 'ops');
  const created = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url), as(admin));
  assert.equal(created.status, 200, created.text);
  return {
    s, podm: created.body.uuid, admin,
    member: await mint('member', 'p1'), otherMember: await mint('member', 'p2'), reader: await mint('reader', 'p1'),
    rf: (method, path, body, token = admin, headers = {}) => s.call(method, path, body, { ...as(token), ...headers }),
    v1: (method, path, body, token = admin) => s.call(method, path, body, as(token)),
  };
}

/** A Redfish error body: `error.code` and `error.message`, the first message's id equal to the code. */
export function assertRedfishError(r: Answer, status: number, messageId: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.body?.error?.code, messageId, r.text);
  assert.equal(typeof r.body.error.message, 'string');
  assert.equal(r.body.error['@Message.ExtendedInfo'][0].MessageId, messageId);
}

/** Every resource reachable from the service root by `@odata.id` links, by path. */
export async function walk(get: (path: string) => Promise<Answer>): Promise<Map<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  const seen = new Map<string, any>(); // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  const queue = ['/redfish/v1/'];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const r = await get(path);
    assert.equal(r.status, 200, `GET ${path}: ${r.text}`);
    seen.set(path, r.body);
    for (const ref of links(r.body)) if (!seen.has(ref) && !queue.includes(ref)) queue.push(ref);
  }
  return seen;
}

function links(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(links);
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([key, value]) => (key === '@odata.id' && typeof value === 'string' ? [value] : links(value)));
}

export const BLOCKS = '/redfish/v1/CompositionService/ResourceBlocks';
export const block = (id: string) => ({ '@odata.id': `${BLOCKS}/${id}` });

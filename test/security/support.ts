// Shared by the security tests: callers of every role, as API tokens in a token-mode stack.
import { ApiTokens } from '../../src/core/index.js';
import type { Role } from '../../src/shared/vocabulary.js';
import { podManagerBody, type Stack } from '../../support/stack.js';

/** X-Auth-Token, the OpenStack habit; `Authorization: Bearer` is tested on its own. */
export const as = (token: string) => ({ 'x-auth-token': token });

export function mintToken(s: Stack, role: Role, project: string, name?: string): Promise<string> {
  return new ApiTokens(s.service.core.store.db).create({ role, project, ...(name && { name }) }).then((t) => t.token);
}

/** An admin of project ops, members of projects p1 and p2, a reader of p1. */
export interface People {
  admin: string;
  member: string;
  otherMember: string;
  reader: string;
}

export async function people(s: Stack): Promise<People> {
  return {
    admin: await mintToken(s, 'admin', 'ops', 'ada'),
    member: await mintToken(s, 'member', 'p1', 'mel'),
    otherMember: await mintToken(s, 'member', 'p2', 'oto'),
    reader: await mintToken(s, 'reader', 'p1', 'rea'),
  };
}

/** The simulator as a pod manager, created by an admin; returns its uuid. */
export async function addPodManager(s: Stack, adminToken: string, name = 'podm1'): Promise<string> {
  const r = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, name), as(adminToken));
  if (r.status !== 200) throw new Error(`pod manager creation failed: ${r.status} ${r.text}`);
  return r.body.uuid as string;
}

/**
 * The error body of the API the path belongs to, with this status: Redfish's (`error.code`,
 * `error.message`) under /redfish, else Valence's; `detail` is the sentence either carries.
 */
export function isApiError(path: string, r: { status: number; body: any; headers: Headers }, status: number): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  if (!path.startsWith('/redfish')) return isValenceError(r, status);
  return r.status === status && typeof r.body?.error?.code === 'string' && typeof r.body.error.message === 'string';
}

export function errorDetail(r: { body: any }): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  return r.body?.error?.message ?? r.body?.detail;
}

/** A Valence error body with this status, and its request id in the header too. */
export function isValenceError(r: { status: number; body: any; headers: Headers }, status: number): boolean { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  return r.status === status && r.body?.status === status && typeof r.body.detail === 'string' && typeof r.body.title === 'string'
    && r.body.request_id === r.headers.get('x-openstack-request-id');
}

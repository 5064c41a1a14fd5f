import type { FastifyRequest, HTTPMethods } from 'fastify';
import type { Role } from '../shared/vocabulary.js';

/** Who may call a route: anyone, even without a token, or an authenticated caller holding at least this role. */
export type Allow = 'anyone' | Role;

export interface Rule {
  readonly allow: Allow;
  /**
   * The action a change is recorded as in the audit trail (`GET /v1/audit`); reads are not recorded.
   * A function may look at the request, and answer null for a request that changes nothing.
   */
  readonly audit?: string | ((req: FastifyRequest) => string | null);
}

/** Rules by `METHOD /path`, as the router spells the path; each resource has one, policy.ts joins them. */
export type Policy = Record<`${HTTPMethods} ${string}`, Rule>;

export const anyone = { allow: 'anyone' } as const;
export const reader = { allow: 'reader' } as const;

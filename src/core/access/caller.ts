import { ROLES, type Role } from '../../shared/vocabulary.js';

/** Who is asking, as authentication established it. Core scopes nodes to `project` unless the caller is an admin. */
export interface Caller {
  /** Stable id: the API token's id, the Keystone user id, or `anonymous`. */
  readonly userId: string;
  /** For people reading the audit trail. */
  readonly userName: string;
  readonly project: string;
  readonly role: Role;
}

/** `--auth noauth`: there is nobody to tell apart, so everyone is an admin of one project. */
export const NOAUTH_CALLER: Caller = { userId: 'anonymous', userName: 'anonymous', project: 'default', role: 'admin' };

/** Roles are ordered: an admin may do what a member may, a member what a reader may. */
export function hasRole(caller: Caller, needed: Role): boolean {
  return ROLES.indexOf(caller.role) >= ROLES.indexOf(needed);
}

/** Admins see every project's nodes; anyone else only their own project's. */
export function canSee(caller: Caller, owner: { projectId: string }): boolean {
  return caller.role === 'admin' || owner.projectId === caller.project;
}

/** The project filter a listing needs for this caller: none for admins. */
export function projectScope(caller: Caller): string | undefined {
  return caller.role === 'admin' ? undefined : caller.project;
}

import { randomUUID } from 'node:crypto';
import { nowIso } from '../../shared/time.js';
import type { AuditResult, Role } from '../../shared/vocabulary.js';
import * as repo from '../../store/audit-events.js';
import type { Db } from '../../store/database.js';
import type { AuditEventRow } from '../../store/schema.js';
import type { Caller } from './caller.js';
import { CoreError } from '../errors.js';

/** One audited change, as core hands it out. */
export interface AuditEvent {
  readonly id: string;
  readonly at: string;
  readonly requestId: string;
  readonly userId: string;
  readonly userName: string;
  readonly project: string | null;
  readonly role: Role | null;
  readonly action: string;
  readonly target: string | null;
  readonly result: AuditResult;
  /** The HTTP status answered; null for the covalence command. */
  readonly status: number | null;
}

/** Who made a change: a caller of the API, or someone on the host using the covalence command. */
export type Actor = Caller | { readonly userId: string; readonly userName: string };

export interface AuditEntry {
  actor: Actor;
  requestId: string;
  action: string;
  target: string | null;
  result: AuditResult;
  status: number | null;
}

/** The audit trail: every change, written before its answer leaves, read newest first by admins. */
export class Audit {
  constructor(private readonly db: Db) {}

  async record({ actor, requestId, action, target, result, status }: AuditEntry): Promise<void> {
    await repo.insertAuditEvent(this.db, {
      id: randomUUID(), at: nowIso(), request_id: requestId, user_id: actor.userId, user_name: actor.userName,
      project: 'project' in actor ? actor.project : null, role: 'role' in actor ? actor.role : null,
      action, target, result, status,
    });
  }

  /** `marker`: the id of the last event of the previous page. */
  async list(filter: repo.AuditFilter, limit: number, marker?: string): Promise<AuditEvent[]> {
    const after = marker === undefined ? undefined : await repo.findAuditEvent(this.db, marker);
    if (marker !== undefined && !after) throw new CoreError('invalid', `Invalid input for field/attribute 'marker'. No audit event ${marker}.`);
    return (await repo.listAuditEvents(this.db, filter, { limit, after })).map(toAuditEvent);
  }
}

/** The one mapping from the store's columns. */
function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id, at: row.at, requestId: row.request_id, userId: row.user_id, userName: row.user_name, project: row.project,
    role: row.role, action: row.action, target: row.target, result: row.result, status: row.status,
  };
}

import { randomUUID } from 'node:crypto';
import { nowIso } from '../../shared/time.js';
import type { AuditResult } from '../../shared/vocabulary.js';
import * as repo from '../../store/audit-events.js';
import type { Db } from '../../store/database.js';
import type { AuditEventRow } from '../../store/schema.js';
import type { Caller } from './caller.js';
import { CoreError } from '../errors.js';

export type AuditEvent = AuditEventRow;

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
    return repo.listAuditEvents(this.db, filter, { limit, after });
  }
}

import type { Db } from './store.js';
import type { AuditEventRow, NewAuditEvent } from './schema.js';

export interface AuditFilter {
  /** Matches the user's id or name. */
  user?: string;
  project?: string;
  action?: string;
  target?: string;
  result?: AuditEventRow['result'];
  /** ISO 8601 bounds, inclusive. */
  since?: string;
  until?: string;
}

/** Newest first; `after` is the last event of the previous page. */
export interface AuditPage {
  limit: number;
  after?: Pick<AuditEventRow, 'at' | 'id'>;
}

export async function insertAuditEvent(db: Db, row: NewAuditEvent): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

export function findAuditEvent(db: Db, id: string): Promise<AuditEventRow | undefined> {
  return db.selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAuditEvents(db: Db, filter: AuditFilter, page: AuditPage): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (filter.user !== undefined) q = q.where((eb) => eb.or([eb('user_id', '=', filter.user!), eb('user_name', '=', filter.user!)]));
  if (filter.project !== undefined) q = q.where('project', '=', filter.project);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.target !== undefined) q = q.where('target', '=', filter.target);
  if (filter.result !== undefined) q = q.where('result', '=', filter.result);
  if (filter.since !== undefined) q = q.where('at', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('at', '<=', filter.until);
  const after = page.after;
  if (after) q = q.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

import type { EventKind } from '../shared/vocabulary.js';
import type { Db } from './store.js';
import type { EventTable } from './schema.js';
import { sql, type Insertable, type Selectable } from 'kysely';

/** An event row with its sequence as a number, whichever backend read it. */
export type EventRow = Omit<Selectable<EventTable>, 'seq'> & { seq: number };

export interface EventFilter {
  kinds?: readonly EventKind[];
  podmId?: string;
  nodeId?: string;
  /** Only events every reader may see and those of this project's nodes (callers who are not admins). */
  project?: string;
}

/**
 * Takes the next `count` sequence numbers and returns the first: the counter row stays locked until
 * the transaction ends, so the next writer numbers after this one commits (or reuses the numbers if
 * this one rolls back): no gaps.
 */
export async function takeSequences(tx: Db, count: number): Promise<number> {
  const row = await tx.updateTable('event_counter').set({ last: sql<number>`last + ${count}` }).where('id', '=', 1)
    .returning('last').executeTakeFirstOrThrow();
  return Number(row.last) - count + 1;
}

/** Events per insert statement: 11 columns each, well under either backend's bound-parameter limit. */
const INSERT_BATCH = 200;

export async function insertEvents(tx: Db, rows: ReadonlyArray<Insertable<EventTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await tx.insertInto('events').values(rows.slice(i, i + INSERT_BATCH)).execute();
}

/** The newest committed sequence number, and the newest one purged. */
export async function sequenceBounds(db: Db): Promise<{ last: number; purgedThrough: number }> {
  const row = await db.selectFrom('event_counter').select(['last', 'purged_through']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { last: Number(row.last), purgedThrough: Number(row.purged_through) };
}

/** Events after `after` up to `until` (inclusive), oldest first. */
export async function listEvents(db: Db, after: number, filter: EventFilter, limit: number, until?: number): Promise<EventRow[]> {
  let q = db.selectFrom('events').selectAll().where('seq', '>', after);
  if (until !== undefined) q = q.where('seq', '<=', until);
  if (filter.kinds !== undefined && filter.kinds.length > 0) q = q.where('kind', 'in', [...filter.kinds]);
  if (filter.podmId !== undefined) q = q.where('podm_id', '=', filter.podmId);
  if (filter.nodeId !== undefined) q = q.where('node_id', '=', filter.nodeId);
  const project = filter.project;
  if (project !== undefined) q = q.where((eb) => eb.or([eb('project_id', 'is', null), eb('project_id', '=', project)]));
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function findEvent(db: Db, seq: number): Promise<EventRow | undefined> {
  const row = await db.selectFrom('events').selectAll().where('seq', '=', seq).executeTakeFirst();
  return row && { ...row, seq: Number(row.seq) };
}

/** The project and pod manager of a node, for the visibility and filters of events about it. */
export function factsOfNode(db: Db, nodeUuid: string): Promise<{ project_id: string; podm_id: string } | undefined> {
  return db.selectFrom('nodes').select(['project_id', 'podm_id']).where('uuid', '=', nodeUuid).executeTakeFirst();
}

/** Deletes events older than `before` and moves the purge mark; returns how many went. */
export async function purgeEvents(tx: Db, before: string): Promise<number> {
  const newest = await tx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('at', '<', before).executeTakeFirst();
  if (newest?.seq === null || newest?.seq === undefined) return 0;
  const through = Number(newest.seq);
  const r = await tx.deleteFrom('events').where('seq', '<=', through).executeTakeFirst();
  await tx.updateTable('event_counter').set({ purged_through: through }).where('id', '=', 1).where('purged_through', '<', through).execute();
  return Number(r.numDeletedRows);
}

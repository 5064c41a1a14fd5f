import type { EventKind } from '../shared/vocabulary.js';
import { insertRows } from './bulk-insert.js';
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

/** An event as its change describes it; its sequence is given when its transaction is about to commit. */
export type QueuedEvent = Omit<Insertable<EventTable>, 'seq'>;

const queued = new WeakMap<Db, QueuedEvent[]>();
type Written = (first: number, last: number) => void;
const writtenListeners = new Set<Written>();

/**
 * Queues an event in the transaction of its change; `withEvents` writes it as the transaction's
 * last statements, so it exists exactly when the change does.
 */
export function queueEvent(tx: Db, event: QueuedEvent): void {
  if (!tx.isTransaction) throw new Error(`event ${event.kind} outside a transaction: it would not commit with its change`);
  const events = queued.get(tx);
  if (events) events.push(event);
  else queued.set(tx, [event]);
}

/** Listeners hear the sequence numbers a transaction wrote, before it commits (it may still roll back). */
export function onEventsWritten(listener: Written): () => void {
  writtenListeners.add(listener);
  return () => writtenListeners.delete(listener);
}

/**
 * A store's transaction with its queued events numbered and written after `work`, just before
 * commit. The counter row stays locked from there to the commit, so commit order is sequence order
 * and a rollback gives its numbers back (no gaps); numbering at commit rather than at each change
 * keeps other writers from queueing behind a long transaction (a sync's) on PostgreSQL, and writes
 * many events in a few statements.
 */
export function withEvents<T>(work: (tx: Db) => Promise<T>): (tx: Db) => Promise<T> {
  return async (tx) => {
    const result = await work(tx);
    const events = queued.get(tx);
    if (events) {
      queued.delete(tx);
      const row = await tx.updateTable('event_counter').set({ last: sql<number>`last + ${events.length}` }).where('id', '=', 1)
        .returning('last').executeTakeFirstOrThrow();
      const first = Number(row.last) - events.length + 1;
      await insertRows(tx, 'events', events.map((e, i) => ({ seq: first + i, ...e })));
      for (const listener of writtenListeners) listener(first, Number(row.last));
    }
    return result;
  };
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

import type { Db } from './store.js';
import { locked, type RowLock } from './row-locks.js';
import type { NewNode, NodePatch, NodeRow } from './schema.js';

export interface NodeFilter {
  podm_id?: string;
  name?: string;
  index?: string;
  managed_by?: string;
  project_id?: string;
}

export function listNodes(db: Db, filter: NodeFilter = {}): Promise<NodeRow[]> {
  let q = db.selectFrom('nodes').selectAll();
  if (filter.podm_id !== undefined) q = q.where('podm_id', '=', filter.podm_id);
  if (filter.name !== undefined) q = q.where('name', '=', filter.name);
  if (filter.index !== undefined) q = q.where('node_index', '=', filter.index);
  if (filter.managed_by !== undefined) q = q.where('managed_by', '=', filter.managed_by);
  if (filter.project_id !== undefined) q = q.where('project_id', '=', filter.project_id);
  return q.orderBy('created_at').orderBy('uuid').execute();
}

export function findNode(db: Db, uuid: string, lock?: RowLock): Promise<NodeRow | undefined> {
  return locked(db.selectFrom('nodes').selectAll().where('uuid', '=', uuid), lock).executeTakeFirst();
}

export function countNodesOfPodManager(db: Db, podmId: string): Promise<number> {
  return db.selectFrom('nodes').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('podm_id', '=', podmId).executeTakeFirstOrThrow().then((r) => Number(r.n));
}

/** Inserts unless the server is already a node; false means someone else owns it. */
export async function insertNodeIfServerFree(db: Db, row: NewNode): Promise<boolean> {
  const r = await db.insertInto('nodes').values(row)
    .onConflict((oc) => oc.columns(['podm_id', 'node_index']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Takes the node's lock for an operation (a conditional update with holder); false if held. */
export async function holdNode(db: Db, uuid: string, opId: string, from: NodeRow['state'][]): Promise<boolean> {
  const r = await db.updateTable('nodes').set({ held_by: opId })
    .where('uuid', '=', uuid).where('held_by', 'is', null).where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Applies `patch` only while the node is in state `from`; false when it is not (or is gone). */
export async function updateNodeInState(db: Db, uuid: string, from: NodeRow['state'], patch: NodePatch): Promise<boolean> {
  const r = await db.updateTable('nodes').set(patch).where('uuid', '=', uuid).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateNode(db: Db, uuid: string, patch: NodePatch): Promise<void> {
  await db.updateTable('nodes').set(patch).where('uuid', '=', uuid).execute();
}

export async function deleteNode(db: Db, uuid: string): Promise<void> {
  await db.deleteFrom('nodes').where('uuid', '=', uuid).execute();
}

/** The keyed digest of the register request a node was registered with (null when it is not). */
export async function registrationDigest(db: Db, uuid: string): Promise<string | null> {
  const row = await db.selectFrom('nodes').select('registration_digest').where('uuid', '=', uuid).executeTakeFirst();
  return row?.registration_digest ?? null;
}

/** Node counts by pod manager and state (for metrics). */
export function nodeCounts(db: Db): Promise<Array<{ podm_id: string; state: NodeRow['state']; count: number }>> {
  return db.selectFrom('nodes')
    .select(['podm_id', 'state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['podm_id', 'state']).execute()
    .then((rows) => rows.map((r) => ({ ...r, count: Number(r.count) })));
}

/** Lets go of every node an operation holds (the operation is over, whatever became of it). */
export async function releaseNodeHold(db: Db, opId: string): Promise<void> {
  await db.updateTable('nodes').set({ held_by: null }).where('held_by', '=', opId).execute();
}

/** Sets the reason of a node that is not at rest, or clears it when it matches `like` (its setter's). */
export async function setStateReason(db: Db, uuid: string, reason: string | null, like?: string): Promise<void> {
  let q = db.updateTable('nodes').set({ state_reason: reason }).where('uuid', '=', uuid);
  if (like !== undefined) q = q.where('state_reason', 'like', like);
  await q.execute();
}

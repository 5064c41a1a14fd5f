import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './store.js';
import type { NewPodManager, PodManagerPatch, PodManagerRow } from './schema.js';

/** Every pod manager, or the one named `name`. */
export function listPodManagers(db: Db, name?: string): Promise<PodManagerRow[]> {
  let q = db.selectFrom('pod_managers').selectAll();
  if (name !== undefined) q = q.where('name', '=', name);
  return q.orderBy('created_at').orderBy('uuid').execute();
}

/** When each pod manager was last synced, in a stable order. */
export function lastSyncTimes(db: Db): Promise<Array<Pick<PodManagerRow, 'uuid' | 'last_sync_at'>>> {
  return db.selectFrom('pod_managers').select(['uuid', 'last_sync_at']).orderBy('uuid').execute();
}

export function findPodManager(db: Db, uuid: string): Promise<PodManagerRow | undefined> {
  return db.selectFrom('pod_managers').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

/** The pod managers that already use this name or url (other than `except`). */
export function findPodManagerClashes(
  db: Db, wanted: { name?: string | undefined; url?: string | undefined }, except?: string,
): Promise<PodManagerRow[]> {
  let q = db.selectFrom('pod_managers').selectAll()
    .where((eb) => eb.or([
      ...(wanted.name === undefined ? [] : [eb('name', '=', wanted.name)]),
      ...(wanted.url === undefined ? [] : [eb('url', '=', wanted.url)]),
    ]));
  if (except) q = q.where('uuid', '!=', except);
  return q.execute();
}

/** The boards a pod manager covers: its servers and devices the fabric still listed at the last sync. */
export async function boardsOfPodManager(db: Db, uuid: string): Promise<string[]> {
  const rows = await db.selectFrom('servers').select('eem_id').where('podm_id', '=', uuid).where('removed_at', 'is', null)
    .unionAll(db.selectFrom('devices').select('eem_id').where('podm_id', '=', uuid).where('removed_at', 'is', null))
    .execute();
  return rows.map((r) => r.eem_id);
}

export async function insertPodManager(db: Db, row: NewPodManager): Promise<void> {
  await db.insertInto('pod_managers').values(row).execute();
}

export async function updatePodManager(db: Db, uuid: string, patch: PodManagerPatch): Promise<void> {
  await db.updateTable('pod_managers').set(patch).where('uuid', '=', uuid).execute();
}

/**
 * The first other pod manager that covers (lists, not as removed) any of these boards. Whichever
 * side is smaller is read: the boards asked about, an index lookup each, or every board the others
 * cover, at once. A new EEM of 10,000 boards beside a small one took 22 queries and 44 ms.
 */
export async function podManagerCoveringBoards(
  db: Db, boardIds: readonly string[], except?: string,
): Promise<Pick<PodManagerRow, 'uuid' | 'name' | 'url'> | undefined> {
  const elsewhere = boardsElsewhere(db, except);
  const [{ count }] = await db.selectFrom(elsewhere.as('b')).select((eb) => eb.fn.countAll<number>().as('count')).execute();
  if (Number(count) === 0) return undefined;
  if (Number(count) < boardIds.length) {
    const asked = new Set(boardIds);
    const holders = new Set((await elsewhere.execute()).filter((b) => asked.has(b.eem_id)).map((b) => b.podm_id));
    if (holders.size === 0) return undefined;
    return db.selectFrom('pod_managers').select(['uuid', 'name', 'url']).where('uuid', 'in', [...holders]).orderBy('created_at').limit(1).executeTakeFirst();
  }
  // In slices: a pool of thousands of boards stays under every backend's limit of bound parameters.
  for (let i = 0; i < boardIds.length; i += BOARDS_PER_QUERY) {
    const ids = boardIds.slice(i, i + BOARDS_PER_QUERY);
    // Both databases push the id filter into each side of the union, onto its eem_id index.
    const holder = await db.selectFrom('pod_managers').select(['uuid', 'name', 'url'])
      .where('uuid', 'in', db.selectFrom(elsewhere.as('b')).select('podm_id').where('eem_id', 'in', ids))
      .orderBy('created_at').limit(1).executeTakeFirst();
    if (holder) return holder;
  }
  return undefined;
}

/** The boards pod managers other than `except` cover, with their pod manager. */
function boardsElsewhere(db: Db, except?: string) {
  const servers = db.selectFrom('servers').select(['podm_id', 'eem_id']).where('removed_at', 'is', null);
  const devices = db.selectFrom('devices').select(['podm_id', 'eem_id']).where('removed_at', 'is', null);
  return except ? servers.where('podm_id', '!=', except).unionAll(devices.where('podm_id', '!=', except)) : servers.unionAll(devices);
}

const BOARDS_PER_QUERY = 500;

/** The advisory lock under which pod managers claim boards ('covb' in ASCII). */
const BOARD_CLAIMS_LOCK = 0x636f7662;

/**
 * Pod managers claim boards one transaction at a time, until that transaction ends: on PostgreSQL
 * two syncs (or a creation and a sync) of one EEM under two pod managers would otherwise each find
 * its boards unclaimed, in snapshots that cannot see the other's uncommitted rows, and both take
 * them. Only a transaction with boards new to its pod manager asks; SQLite has one writer already.
 */
export async function lockBoardClaims(tx: Db): Promise<void> {
  if (!tx.isTransaction || !(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(${BOARD_CLAIMS_LOCK})`.execute(tx);
}

/**
 * Removes a pod manager whose nodes are gone, with its pool (servers and devices cascade), its sync
 * lease and its finished journal entries. Call it inside a transaction.
 */
export async function deletePodManager(tx: Db, uuid: string): Promise<void> {
  await tx.deleteFrom('sync_leases').where('podm_id', '=', uuid).execute();
  await tx.deleteFrom('operations').where('podm_id', '=', uuid).where('state', 'in', ['done', 'failed']).execute();
  await tx.deleteFrom('pod_managers').where('uuid', '=', uuid).execute();
}

/**
 * Removes a pod manager and everything known under it, nodes and every journal entry included,
 * without regard to the fabric (its EEM is gone). Call it inside a transaction.
 */
export async function forgetPodManager(tx: Db, uuid: string): Promise<void> {
  await tx.deleteFrom('nodes').where('podm_id', '=', uuid).execute();
  await tx.deleteFrom('operations').where('podm_id', '=', uuid).execute();
  await deletePodManager(tx, uuid);
}

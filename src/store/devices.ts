import { sql } from 'kysely';
import type { DeviceState, DeviceType } from '../shared/vocabulary.js';
import type { Db } from './store.js';
import { insertRows } from './bulk-insert.js';
import { reservedEemIds, type ReservedFilter } from './composition-reservations.js';
import { locked, type RowLock } from './row-locks.js';
import type { DevicePatch, DeviceRow, NewDevice } from './schema.js';

export interface DeviceFilter {
  podm_id?: string;
  type?: DeviceType;
  state?: DeviceState;
  node_id?: string;
  pooled_group_id?: string;
}

/** What a listing shows of each device; reading fewer columns makes large listings cheaper. */
export const SUMMARY_COLUMNS = ['uuid', 'podm_id', 'eem_id', 'type', 'type_source', 'state', 'node_id', 'pooled_group_id', 'maintenance'] as const;
export type DeviceSummary = Pick<DeviceRow, (typeof SUMMARY_COLUMNS)[number]>;

/** A page of a listing: at most `limit` devices, those after `after` in the listing's order. */
export interface DevicePage {
  limit?: number;
  after?: Pick<DeviceRow, 'podm_id' | 'eem_id'>;
}

/** Listing for the API: exact-match filters, stable order (pod manager, fabric id), keyset pages. */
export function listDevices(db: Db, filter: DeviceFilter, page: DevicePage = {}): Promise<DeviceSummary[]> {
  return listed(db, filter, page).select(SUMMARY_COLUMNS).execute();
}

/** The same listing with every column, for `?detail=true`. */
export function listDeviceRecords(db: Db, filter: DeviceFilter, page: DevicePage = {}): Promise<DeviceRow[]> {
  return listed(db, filter, page).selectAll().execute();
}

function listed(db: Db, filter: DeviceFilter, { limit, after }: DevicePage) {
  let q = db.selectFrom('devices');
  for (const [column, value] of Object.entries(filter) as [keyof DeviceFilter, string][]) {
    if (value !== undefined) q = q.where(column, '=', value as never);
  }
  if (after) {
    q = q.where((eb) => eb.or([
      eb('podm_id', '>', after.podm_id),
      eb.and([eb('podm_id', '=', after.podm_id), eb('eem_id', '>', after.eem_id)]),
    ]));
  }
  q = q.orderBy('podm_id').orderBy('eem_id');
  return limit === undefined ? q : q.limit(limit);
}

export function findDevice(db: Db, uuid: string, lock?: RowLock): Promise<DeviceRow | undefined> {
  return locked(db.selectFrom('devices').selectAll().where('uuid', '=', uuid), lock).executeTakeFirst();
}

/** Some columns of a pod manager's devices: a whole-pool read costs what its columns do. */
export async function devicesOfPodManager<C extends keyof DeviceRow>(db: Db, podmId: string, columns: readonly C[]): Promise<Array<Pick<DeviceRow, C>>> {
  const rows = await db.selectFrom('devices').select(columns as never).where('podm_id', '=', podmId).execute();
  return rows as unknown as Array<Pick<DeviceRow, C>>;
}

/** Devices attached to a server, including offline ones (they still occupy a port). */
export function devicesOfServer(db: Db, podmId: string, serverId: string): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll()
    .where('podm_id', '=', podmId).where('node_id', '=', serverId).where('removed_at', 'is', null)
    .orderBy('eem_id').execute();
}

/** Devices a node owns (it attached or adopted them), removed ones included: they are why it is degraded. */
/** The devices a node owns, across a pod manager: what a node's health is judged by, read in one query. */
export function ownedDevices(db: Db, podmId: string): Promise<Array<Pick<DeviceRow, 'eem_id' | 'owner_node' | 'removed_at'>>> {
  return db.selectFrom('devices').select(['eem_id', 'owner_node', 'removed_at'])
    .where('podm_id', '=', podmId).where('owner_node', 'is not', null).execute();
}

export function devicesOwnedBy(db: Db, nodeUuid: string): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().where('owner_node', '=', nodeUuid).orderBy('eem_id').execute();
}

/** A managed node adopts the devices its server's group has, except those another node owns. */
export async function adoptDevices(db: Db, podmId: string, serverId: string, nodeUuid: string): Promise<void> {
  await db.updateTable('devices').set({ owner_node: nodeUuid, revision: sql`revision + 1` })
    .where('podm_id', '=', podmId).where('node_id', '=', serverId).where('owner_node', 'is', null).where('removed_at', 'is', null)
    .execute();
}

/** The node gives up the devices (all of them when `uuids` is omitted): covalence no longer owns them. */
export async function disown(db: Db, nodeUuid: string, uuids?: string[]): Promise<void> {
  let q = db.updateTable('devices').set({ owner_node: null, revision: sql`revision + 1` }).where('owner_node', '=', nodeUuid);
  if (uuids !== undefined) {
    if (uuids.length === 0) return;
    q = q.where('uuid', 'in', uuids);
  }
  await q.execute();
}

/** Free, online, unheld devices of one type and generation, not in maintenance, in fabric order. */
export function freeDevices(
  db: Db, podmId: string, type: DeviceType, generation: string, limit: number, lock?: RowLock, reserved?: ReservedFilter,
): Promise<DeviceRow[]> {
  let query = db.selectFrom('devices').selectAll()
    .where('podm_id', '=', podmId).where('state', '=', 'free').where('type', '=', type)
    .where('generation', '=', generation).where('held_by', 'is', null).where('maintenance', '=', 0)
    .orderBy('eem_id').limit(limit);
  if (reserved !== undefined) query = query.where('eem_id', 'not in', reservedEemIds(db, podmId, reserved));
  return locked(query, lock).execute();
}

/** Free devices of a type by board generation, those in maintenance apart (for shortage messages). */
export async function freeCountsByGeneration(db: Db, podmId: string, type: DeviceType): Promise<Array<{ generation: string; maintenance: boolean; count: number }>> {
  const rows = await db.selectFrom('devices')
    .select(['generation', 'maintenance', (eb) => eb.fn.countAll<number>().as('count')])
    .where('podm_id', '=', podmId).where('state', '=', 'free').where('type', '=', type)
    .groupBy(['generation', 'maintenance']).execute();
  return rows.map((r) => ({ generation: r.generation, maintenance: r.maintenance === 1, count: Number(r.count) }));
}

/**
 * Holds devices for a journal operation, all or none: a conditional update that only takes rows
 * nobody holds. Returns how many were taken, so the caller can abort its transaction on a shortfall.
 */
export async function holdDevices(db: Db, uuids: string[], opId: string): Promise<number> {
  if (uuids.length === 0) return 0;
  const r = await db.updateTable('devices')
    .set({ held_by: opId, revision: sql`revision + 1` })
    .where('uuid', 'in', uuids).where('held_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function releaseDevices(db: Db, opId: string): Promise<void> {
  await db.updateTable('devices').set({ held_by: null, revision: sql`revision + 1` })
    .where('held_by', '=', opId).execute();
}

/** Writes what an operation did on the fabric; bumps the revision so a concurrent sync won't undo it. */
export async function updateDevice(db: Db, uuid: string, patch: DevicePatch): Promise<void> {
  await db.updateTable('devices').set({ ...patch, revision: sql`revision + 1` }).where('uuid', '=', uuid).execute();
}

/** Sync's compare-and-set: applies only if nobody wrote the row since sync read it. */
export async function updateDeviceIfUnchanged(
  db: Db, uuid: string, revision: number, patch: DevicePatch,
): Promise<boolean> {
  const r = await db.updateTable('devices').set({ ...patch, revision: sql`revision + 1` })
    .where('uuid', '=', uuid).where('revision', '=', revision).where('held_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function insertDevices(db: Db, rows: readonly NewDevice[]): Promise<void> {
  return insertRows(db, 'devices', rows);
}

/**
 * Forgets devices that stayed removed past the grace period; one a node still owns stays listed
 * (it is why the node is degraded) until the node lets it go.
 */
export async function purgeRemovedDevices(db: Db, podmId: string, removedBefore: string): Promise<number> {
  const r = await db.deleteFrom('devices')
    .where('podm_id', '=', podmId).where('removed_at', '<', removedBefore).where('held_by', 'is', null).where('owner_node', 'is', null)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Pool counts by pod manager, type and state (for the UI and metrics). */
export function poolCounts(db: Db): Promise<Array<{ podm_id: string; type: DeviceType | null; state: DeviceState; count: number }>> {
  return db.selectFrom('devices')
    .select(['podm_id', 'type', 'state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['podm_id', 'type', 'state']).execute()
    .then((rows) => rows.map((r) => ({ ...r, count: Number(r.count) })));
}

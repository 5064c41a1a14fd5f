import type { ExpressionBuilder } from 'kysely';
import type { Db } from './store.js';
import { locked, type RowLock } from './row-locks.js';
import { reservedEemIds, type ReservedFilter } from './composition-reservations.js';
import type { Database, NewServer, ServerRow, ServerTable } from './schema.js';

export function serversOfPodManager(db: Db, podmId: string): Promise<ServerRow[]> {
  return db.selectFrom('servers').selectAll().where('podm_id', '=', podmId).execute();
}

export function findServer(db: Db, podmId: string, eemId: string): Promise<ServerRow | undefined> {
  return db.selectFrom('servers').selectAll()
    .where('podm_id', '=', podmId).where('eem_id', '=', eemId).executeTakeFirst();
}

/**
 * Servers a new node may take: present, powered on, enabled, of the wanted generation, not a node
 * yet, with nothing in their group (a device attached outside covalence makes a server someone
 * else's: manage adopts it) and room for `devices`. With `lock`, only the `limit` rows returned
 * are locked (so the filter is in SQL, not here).
 */
export async function composeCandidates(
  db: Db, podmId: string, generation: string, devices: number, limit: number, lock?: RowLock, pick: CandidatePick = {},
): Promise<ServerRow[]> {
  let query = db.selectFrom('servers as s')
    .selectAll('s')
    .where('s.podm_id', '=', podmId).where('s.removed_at', 'is', null)
    .where('s.power_on', '=', 1).where('s.enabled', '=', 1).where('s.generation', '=', generation)
    .where('s.max_devices', '>=', devices)
    .where((eb) => eb(attachedCount(eb), '=', 0))
    // One hashed set of the pod manager's nodes, whatever the planner knows; a correlated NOT EXISTS
    // went nested-loop (servers × nodes) on PostgreSQL tables not analyzed yet.
    .where('s.eem_id', 'not in', (eb) => eb.selectFrom('nodes').select('node_index').where('podm_id', '=', podmId))
    .orderBy('s.eem_id')
    .limit(limit);
  if (pick.serverId !== undefined) query = query.where('s.eem_id', '=', pick.serverId);
  if (pick.reserved !== undefined) query = query.where('s.eem_id', 'not in', reservedEemIds(db, podmId, pick.reserved));
  return locked(query, lock, 's').execute();
}

/** Narrows compose's candidates: one named server (a Redfish block), and none a reservation holds. */
export interface CandidatePick {
  readonly serverId?: string;
  readonly reserved?: ReservedFilter;
}

/** Devices in server `s`'s group, offline ones included. */
function attachedCount(eb: ExpressionBuilder<Database & { s: ServerTable }, 's'>) {
  return eb.selectFrom('devices as d').select(eb.fn.countAll<number>().as('n'))
    .whereRef('d.podm_id', '=', 's.podm_id').whereRef('d.node_id', '=', 's.eem_id')
    .where('d.removed_at', 'is', null);
}

/** Whether a server (present at the last sync) is in the group. */
export async function serverInGroup(db: Db, podmId: string, groupId: string): Promise<boolean> {
  const row = await db.selectFrom('servers').select('eem_id')
    .where('podm_id', '=', podmId).where('group_id', '=', groupId).where('removed_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export async function upsertServers(db: Db, rows: NewServer[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db.insertInto('servers').values(rows.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['podm_id', 'eem_id']).doUpdateSet((eb) => ({
        group_id: eb.ref('excluded.group_id'),
        generation: eb.ref('excluded.generation'),
        mac_address: eb.ref('excluded.mac_address'),
        power_on: eb.ref('excluded.power_on'),
        enabled: eb.ref('excluded.enabled'),
        max_devices: eb.ref('excluded.max_devices'),
        model: eb.ref('excluded.model'),
        serial_number: eb.ref('excluded.serial_number'),
        host_model: eb.ref('excluded.host_model'),
        host_serial_number: eb.ref('excluded.host_serial_number'),
        fabric_version: eb.ref('excluded.fabric_version'),
        removed_at: eb.ref('excluded.removed_at'),
        updated_at: eb.ref('excluded.updated_at'),
      })))
      .execute();
  }
}

export async function markServersRemoved(db: Db, podmId: string, eemIds: string[], at: string): Promise<void> {
  for (let i = 0; i < eemIds.length; i += 200) {
    await db.updateTable('servers').set({ removed_at: at, updated_at: at })
      .where('podm_id', '=', podmId).where('eem_id', 'in', eemIds.slice(i, i + 200)).execute();
  }
}

export async function purgeRemovedServers(db: Db, podmId: string, removedBefore: string): Promise<void> {
  await db.deleteFrom('servers').where('podm_id', '=', podmId).where('removed_at', '<', removedBefore).execute();
}

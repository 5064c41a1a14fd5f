import type { FabricInventory, FabricServer } from '../../drivers/index.js';
import * as serversRepo from '../../store/servers.js';
import type { NewServer, ServerRow } from '../../store/schema.js';
import type { Db } from '../../store/store.js';

/** What a server row holds of the fabric's record; identity and timestamps aside. */
const COMPARED = ['group_id', 'generation', 'mac_address', 'power_on', 'enabled', 'max_devices', 'model', 'serial_number',
  'host_model', 'host_serial_number', 'fabric_version', 'removed_at'] as const satisfies ReadonlyArray<keyof ServerRow>;

/**
 * Converges the stored servers of a pod manager to a listing: new and changed servers are written,
 * unchanged ones are not, and servers the listing lacks are marked removed (forgotten after the
 * grace period).
 */
export async function reconcileServers(
  tx: Db, podmId: string, stored: readonly ServerRow[], servers: readonly FabricServer[], at: string, removedBefore: string,
): Promise<void> {
  const byId = new Map(stored.map((s) => [s.eem_id, s]));
  const changed = servers.map((s) => serverRow(podmId, s, at)).filter((row) => {
    const was = byId.get(row.eem_id);
    byId.delete(row.eem_id);
    return !was || COMPARED.some((k) => was[k] !== row[k]);
  });
  await serversRepo.upsertServers(tx, changed);
  const gone = [...byId.values()].filter((s) => s.removed_at === null).map((s) => s.eem_id);
  await serversRepo.markServersRemoved(tx, podmId, gone, at);
  await serversRepo.purgeRemovedServers(tx, podmId, removedBefore);
}

function serverRow(podmId: string, s: FabricInventory['servers'][number], at: string): NewServer {
  return {
    podm_id: podmId,
    eem_id: s.id,
    group_id: s.groupId,
    generation: s.generation,
    mac_address: s.macAddress,
    power_on: s.powerOn ? 1 : 0,
    enabled: s.enabled && s.linkUp ? 1 : 0,
    max_devices: s.maxDevices,
    model: s.model,
    serial_number: s.serialNumber,
    host_model: s.hostModel,
    host_serial_number: s.hostSerialNumber,
    fabric_version: s.version,
    removed_at: null,
    created_at: at,
    updated_at: at,
  };
}

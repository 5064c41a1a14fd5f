import { serversOfPodManager } from '../../store/servers.js';
import { listNodes } from '../../store/nodes.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { ServerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';

/**
 * A server board (EESV) as the last sync stored it: what compose chooses from. `Systems` reads the
 * fabric live instead; northbound views of the pool (Redfish resource blocks) read this, so that
 * browsing the pool costs no fabric call and shows what compose would see.
 */
export interface PooledServer {
  readonly podmId: string;
  /** Its board id on the fabric (EESV id). */
  readonly serverId: string;
  readonly groupId: string;
  readonly generation: string;
  readonly macAddress: string;
  readonly powerOn: boolean;
  readonly enabled: boolean;
  readonly maxDevices: number;
  readonly model: string;
  readonly serialNumber: string;
  readonly hostModel: string;
  readonly hostSerialNumber: string;
  /** Set while the fabric no longer reports it (until the grace period ends). */
  readonly removedAt: string | null;
  /** A node (of any project: which one is not told here) is on it, so compose will not choose it. */
  readonly taken: boolean;
}

function toPooledServer(row: ServerRow, taken: boolean): PooledServer {
  return {
    podmId: row.podm_id, serverId: row.eem_id, groupId: row.group_id, generation: row.generation, macAddress: row.mac_address,
    powerOn: row.power_on === 1, enabled: row.enabled === 1, maxDevices: row.max_devices, model: row.model,
    serialNumber: row.serial_number, hostModel: row.host_model, hostSerialNumber: row.host_serial_number, removedAt: row.removed_at, taken,
  };
}

/** The stored servers of every pod manager, in pod manager then board order. */
export class PooledServers {
  constructor(private readonly ctx: CoreContext) {}

  async list(): Promise<PooledServer[]> {
    const db = this.ctx.store.db;
    const podms = await listPodManagers(db);
    const [lists, nodes] = await Promise.all([Promise.all(podms.map((p) => serversOfPodManager(db, p.uuid))), listNodes(db)]);
    const taken = new Set(nodes.map((n) => `${n.podm_id} ${n.node_index}`));
    return lists.flat().map((row) => toPooledServer(row, taken.has(`${row.podm_id} ${row.eem_id}`))).sort((a, b) => a.podmId.localeCompare(b.podmId) || a.serverId.localeCompare(b.serverId));
  }
}

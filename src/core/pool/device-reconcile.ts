import { randomUUID } from 'node:crypto';
import type { FabricDevice, FabricInventory } from '../../drivers/index.js';
import type { DeviceState } from '../../shared/vocabulary.js';
import { nextTurn } from '../../shared/event-loop.js';
import { deviceChange } from '../events/device-change.js';
import * as devicesRepo from '../../store/devices.js';
import type { DevicePatch, DeviceRow } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import { SyncWrites } from './sync-writes.js';

export interface SyncCounts {
  added: number;
  updated: number;
  offline: number;
  removed: number;
  unchanged: number;
  /** Changed on the fabric while an operation held the device, or written after sync read the EEM: left for the next sync. */
  deferred: number;
}

/** Devices compared or written between two turns of the event loop: a large sync never holds it long. */
const DEVICES_PER_TURN = 500;

/**
 * Converges the stored devices of a pod manager to a listing: each device is compared with its row
 * (the version, and what sync derives), and only the rows that differ are written (compare-and-set
 * on the row's revision, so an operation's later write wins). An unchanged device costs a
 * comparison, no object and no statement. Each row written is an event, in the same transaction.
 */
export async function reconcileDevices(
  tx: Db, podmId: string, known: readonly KnownDevice[], inventory: FabricInventory, at: string,
): Promise<SyncCounts> {
  const counts: SyncCounts = { added: 0, updated: 0, offline: 0, removed: 0, unchanged: 0, deferred: 0 };
  const ownerOfGroup = new Map(inventory.servers.filter((s) => s.hasOwnGroup).map((s) => [s.groupId, s.id]));
  const byFabricId = new Map<string, KnownDevice>();
  for (const d of known) byFabricId.set(d.eem_id, d);
  const writes = new SyncWrites(tx);
  let done = 0;
  for (const device of inventory.devices) {
    if (++done % DEVICES_PER_TURN === 0) await nextTurn();
    if (writes.full) await writes.flush();
    const row = byFabricId.get(device.id);
    byFabricId.delete(device.id);
    if (!row) {
      writes.add({ uuid: randomUUID(), podm_id: podmId, eem_id: device.id, held_by: null, revision: 1, created_at: at, updated_at: at, ...desired(device, ownerOfGroup) });
      counts.added++;
      continue;
    }
    // A device back in the free pool is no node's any more, whoever put it there.
    const disowned = device.free && row.owner_node !== null;
    if (!disowned && !differs(row, device, ownerOfGroup)) {
      counts.unchanged++;
      continue;
    }
    const want = { ...desired(device, ownerOfGroup, row), ...(disowned && { owner_node: null }) };
    if (await devicesRepo.updateDeviceIfUnchanged(tx, row.uuid, row.revision, { ...want, updated_at: at })) {
      writes.tell(deviceChange({ ...row, podm_id: podmId }, want));
      if (want.state === 'offline' && row.state !== 'offline') counts.offline++;
      else counts.updated++;
    } else {
      counts.deferred++;
    }
  }
  for (const row of byFabricId.values()) {
    if (row.removed_at !== null) continue;
    const gone: DevicePatch = { state: 'removed', removed_at: at, updated_at: at };
    if (await devicesRepo.updateDeviceIfUnchanged(tx, row.uuid, row.revision, gone)) {
      writes.tell(deviceChange({ ...row, podm_id: podmId }, gone));
      counts.removed++;
    } else {
      counts.deferred++;
    }
  }
  await writes.flush();
  return counts;
}

type Owners = ReadonlyMap<string, string>;

/**
 * The board's own record: the EEM gives a board a new update_time whenever any of it changes, so
 * with an unchanged version these are unchanged and need not be read or compared.
 */
const BOARD_FIELDS = {
  generation: (d: FabricDevice) => d.generation,
  mac_address: (d: FabricDevice) => d.macAddress,
  pcie_vendor_id: (d: FabricDevice) => d.pcie?.vendorId ?? null,
  pcie_device_id: (d: FabricDevice) => d.pcie?.deviceId ?? null,
  pcie_class_code: (d: FabricDevice) => d.pcie?.classCode ?? null,
} satisfies { [K in keyof DeviceRow]?: (d: FabricDevice) => DeviceRow[K] };

/**
 * What sync compares every time: the version, and what it derives from elsewhere (the server
 * owning the device's group, the names in pci.ids, which an upgrade changes) or keeps (removal).
 */
const COMPARED_FIELDS = {
  fabric_version: (d: FabricDevice) => d.version,
  // In a group no server is in (its server left the fabric or the group): only an admin's release frees it.
  state: (d: FabricDevice, owners: Owners): DeviceState => (!d.online ? 'offline' : d.free ? 'free' : owners.has(d.groupId) ? 'allocated' : 'orphaned'),
  node_id: (d: FabricDevice, owners: Owners) => (d.free ? null : owners.get(d.groupId) ?? null),
  pooled_group_id: (d: FabricDevice) => d.groupId,
  vendor_name: (d: FabricDevice) => d.vendorName,
  device_name: (d: FabricDevice) => d.deviceName,
  removed_at: () => null,
} satisfies { [K in keyof DeviceRow]?: (d: FabricDevice, owners: Owners) => DeviceRow[K] };

const FIELDS = { ...BOARD_FIELDS, ...COMPARED_FIELDS };
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];
type Compared = keyof typeof COMPARED_FIELDS;
const COMPARED_NAMES = Object.keys(COMPARED_FIELDS) as Compared[];

/** The columns sync reads of each stored device: what it compares, and what a write needs. */
export const SYNC_COLUMNS = ['uuid', 'eem_id', 'revision', 'owner_node', 'type', 'type_source', ...COMPARED_NAMES] as const satisfies ReadonlyArray<keyof DeviceRow>;
export type KnownDevice = Pick<DeviceRow, (typeof SYNC_COLUMNS)[number]>;

/**
 * Every stored field of a device, as the fabric says it should be; a type an admin set stands
 * while the fabric reports none (and gives way once it reports one). The type is a board field:
 * written with the rest when the board changed.
 */
function desired(d: FabricDevice, owners: Owners, row?: KnownDevice) {
  const handSet = d.type === null && row?.type_source === 'operator';
  // Built in place, a device costs one object (a sync of 10,000 new devices makes 10,000 of them).
  const fields = {} as { [K in Field]: ReturnType<(typeof FIELDS)[K]> } & Pick<DeviceRow, 'type' | 'type_source'>;
  for (const k of FIELD_NAMES) (fields as Record<Field, unknown>)[k] = FIELDS[k](d, owners);
  fields.type = handSet ? row.type : d.type;
  fields.type_source = handSet ? 'operator' : 'fabric';
  return fields;
}

/** Whether the device changed since the row was written, without building its new values. */
function differs(row: KnownDevice, d: FabricDevice, owners: Owners): boolean {
  return COMPARED_NAMES.some((k) => row[k] !== COMPARED_FIELDS[k](d, owners));
}

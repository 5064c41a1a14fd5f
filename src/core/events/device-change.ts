import type { EventKind } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import type { DevicePatch, DeviceRow, NewDevice } from '../../store/schema.js';
import { diff, record } from './recorder.js';

/** What a device event tells: where it is and whose it is, not the fabric's change tokens. */
const TOLD = ['state', 'type', 'node_id', 'pooled_group_id', 'owner_node', 'maintenance', 'maintenance_reason'] as const;

/**
 * Records a device's change as an event, if a told field changed: `device.removed` when the fabric
 * no longer reports it, `device.detached` when its node let go of it, `device.state_changed` for
 * another state, else `device.changed`. The node is the one that owned it before, or owns it now.
 */
export async function recordDeviceChange(tx: Db, before: DeviceBefore, patch: DevicePatch): Promise<void> {
  const told = Object.fromEntries(TOLD.filter((k) => k in patch).map((k) => [k, patch[k]])) as Partial<DeviceRow>;
  const change = diff(before, told);
  if (!change) return;
  const nodeId = before.owner_node ?? patch.owner_node ?? null;
  await record(tx, { kind: kindOf(before, told), target: before.uuid, podmId: before.podm_id, nodeId, ...change });
}

/** What a change is told against: the row as its writer read it (sync reads only some columns). */
export type DeviceBefore = Pick<DeviceRow, 'uuid' | 'podm_id' | 'owner_node' | 'state' | 'type' | 'node_id' | 'pooled_group_id'> & Partial<DeviceRow>;

function kindOf(before: DeviceBefore, after: Partial<DeviceRow>): EventKind {
  if (after.state === 'removed') return 'device.removed';
  if (before.owner_node !== null && after.owner_node === null) return 'device.detached';
  if (after.state !== undefined && after.state !== before.state) return 'device.state_changed';
  return 'device.changed';
}

/** A device the fabric reports for the first time. */
export async function recordDeviceAdded(tx: Db, row: NewDevice): Promise<void> {
  const after = Object.fromEntries(TOLD.map((k) => [k, row[k] ?? null]));
  await record(tx, { kind: 'device.added', target: row.uuid, podmId: row.podm_id, nodeId: row.owner_node ?? null, after });
}

import type { EventKind } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import type { DevicePatch, DeviceRow, NewDevice } from '../../store/schema.js';
import { diff, record, type Change } from './recorder.js';

/** What a device event tells: where it is and whose it is, not the fabric's change tokens. */
const TOLD = ['state', 'type', 'node_id', 'pooled_group_id', 'owner_node', 'maintenance', 'maintenance_reason'] as const;

/**
 * Records a device's change as an event, if a told field changed: `device.removed` when the fabric
 * no longer reports it, `device.detached` when its node let go of it, `device.state_changed` for
 * another state, else `device.changed`. The node is the one that owned it before, or owns it now.
 */
export async function recordDeviceChange(tx: Db, before: DeviceBefore, patch: DevicePatch): Promise<void> {
  const change = deviceChange(before, patch);
  if (change) await record(tx, change);
}

/** The event `recordDeviceChange` records, for a caller that records many at once; null when nothing told changed. */
export function deviceChange(before: DeviceBefore, patch: DevicePatch): Change | null {
  const told = Object.fromEntries(TOLD.filter((k) => k in patch).map((k) => [k, patch[k]])) as Partial<DeviceRow>;
  const change = diff(before, told);
  if (!change) return null;
  const nodeId = before.owner_node ?? patch.owner_node ?? null;
  return { kind: kindOf(before, told), target: before.uuid, podmId: before.podm_id, nodeId, ...change };
}

/** What a change is told against: the row as its writer read it (sync reads only some columns). */
export type DeviceBefore = Pick<DeviceRow, 'uuid' | 'podm_id' | 'owner_node' | 'state' | 'type' | 'node_id' | 'pooled_group_id'> & Partial<DeviceRow>;

function kindOf(before: DeviceBefore, after: Partial<DeviceRow>): EventKind {
  if (after.state === 'removed') return 'device.removed';
  if (before.owner_node !== null && after.owner_node === null) return 'device.detached';
  if (after.state !== undefined && after.state !== before.state) return 'device.state_changed';
  return 'device.changed';
}

/** The event of a device the fabric reports for the first time. */
export function deviceAdded(row: NewDevice): Change {
  const after = Object.fromEntries(TOLD.map((k) => [k, row[k] ?? null]));
  return { kind: 'device.added', target: row.uuid, podmId: row.podm_id, nodeId: row.owner_node ?? null, after };
}

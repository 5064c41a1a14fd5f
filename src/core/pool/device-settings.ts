import type { DeviceType } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { findDevice, updateDevice } from '../../store/devices.js';
import { recordDeviceChange } from '../events/device-change.js';
import type { DevicePatch } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { toDevice, type Device } from './devices.js';

/** What an admin may decide about a device that the fabric does not. Every field is optional. */
export interface DeviceSettings {
  /** Out of service: compose never chooses it, attach refuses it. Sync keeps the flag. */
  readonly maintenance?: boolean;
  /** Why; cleared with the flag. */
  readonly maintenanceReason?: string | null;
  /** Its type where the fabric reports none (10G EEIOs carry no PCIe ids); sync keeps it. */
  readonly type?: DeviceType;
}

/**
 * Applies an admin's settings. The write bumps the row's revision, so a sync that read the device
 * before it defers instead of undoing it; sync itself never writes these columns (and keeps a type
 * set by hand while the fabric reports none).
 */
export async function applyDeviceSettings(ctx: CoreContext, uuid: string, settings: DeviceSettings): Promise<Device> {
  const row = await findDevice(ctx.store.db, uuid);
  if (!row) throw notFound(`Device ${uuid}`);
  const patch: DevicePatch = {};
  if (settings.type !== undefined && settings.type !== row.type) {
    if (row.type !== null && row.type_source === 'fabric') {
      throw new CoreError('conflict', `Device ${uuid}: the fabric reports its type as ${row.type}; only a device whose board reports no type can have one set by hand.`);
    }
    Object.assign(patch, { type: settings.type, type_source: 'operator' } satisfies DevicePatch);
  }
  if (settings.maintenance === false) {
    Object.assign(patch, { maintenance: 0, maintenance_reason: null } satisfies DevicePatch);
  } else if (settings.maintenance === true || settings.maintenanceReason !== undefined) {
    if (settings.maintenance === undefined && row.maintenance === 0) {
      throw new CoreError('invalid', `Device ${uuid} is not in maintenance: send "maintenance": true with a maintenance_reason.`);
    }
    Object.assign(patch, { maintenance: 1, maintenance_reason: settings.maintenanceReason ?? row.maintenance_reason } satisfies DevicePatch);
  }
  if (Object.keys(patch).length === 0) return toDevice(row);
  patch.updated_at = nowIso();
  await ctx.store.transaction(async (tx) => {
    await updateDevice(tx, uuid, patch);
    await recordDeviceChange(tx, row, patch);
  });
  ctx.log.info({ device: uuid, ...patch }, 'device settings changed');
  return toDevice({ ...row, ...patch } as typeof row);
}

import type { DeviceState, DeviceType, TypeSource } from '../../shared/vocabulary.js';
import type { DeviceFilter, DeviceSummary as DeviceSummaryRow } from '../../store/devices.js';
import * as repo from '../../store/devices.js';
import type { DeviceRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { notFound } from '../errors.js';
import { applyDeviceSettings, type DeviceSettings } from './device-settings.js';
import { locateBoard } from './locate.js';
import { podManagerRow } from './pod-managers.js';
import { releaseOrphan } from './release.js';

export type { DeviceFilter, DeviceSettings };

/** What a listing shows of a pooled device. */
export interface DeviceSummary {
  readonly uuid: string;
  readonly podmId: string;
  /** Its board id on the fabric (EEIO id). */
  readonly fabricId: string;
  readonly type: DeviceType | null;
  /** The fabric said the type, or an admin did where the fabric says nothing. */
  readonly typeSource: TypeSource;
  readonly state: DeviceState;
  /** Taken out of service by an admin: compose and attach never take it. */
  readonly maintenance: boolean;
  /** The server (EESV id) it is attached to; null when free. */
  readonly serverId: string | null;
  /** The group the fabric has it in (4093: free). */
  readonly groupId: string;
}

/** A pooled device as core hands it out. */
export interface Device extends DeviceSummary {
  /** Board generation: 40g, 10g, 1g. */
  readonly generation: string;
  readonly macAddress: string;
  readonly pcieClassCode: string | null;
  readonly pcieVendorId: string | null;
  readonly pcieDeviceId: string | null;
  readonly vendorName: string | null;
  readonly deviceName: string | null;
  /** The fabric's version of the board (EEM `update_time`) as covalence last saw it. */
  readonly version: string;
  /** The journalled operation moving it, if any. */
  readonly heldBy: string | null;
  /** The node that attached or adopted it; covalence moves no device a node does not own. */
  readonly ownerNode: string | null;
  readonly maintenanceReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toDeviceSummary(row: DeviceSummaryRow): DeviceSummary {
  return {
    uuid: row.uuid, podmId: row.podm_id, fabricId: row.eem_id, type: row.type, typeSource: row.type_source, state: row.state,
    maintenance: row.maintenance === 1, serverId: row.node_id, groupId: row.pooled_group_id,
  };
}

/** The one mapping from the store's columns. */
export function toDevice(row: DeviceRow): Device {
  return {
    ...toDeviceSummary(row), generation: row.generation, macAddress: row.mac_address,
    pcieClassCode: row.pcie_class_code, pcieVendorId: row.pcie_vendor_id, pcieDeviceId: row.pcie_device_id,
    vendorName: row.vendor_name, deviceName: row.device_name, version: row.fabric_version, heldBy: row.held_by, ownerNode: row.owner_node,
    maintenanceReason: row.maintenance_reason,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The pool as the store knows it; sync keeps it in step with the fabric. */
export class Devices {
  constructor(private readonly ctx: CoreContext) {}

  async list(filter: DeviceFilter): Promise<DeviceSummary[]> {
    return (await repo.listDevices(this.ctx.store.db, filter)).map(toDeviceSummary);
  }

  async get(uuid: string): Promise<Device> {
    const row = await repo.findDevice(this.ctx.store.db, uuid);
    if (!row) throw notFound(`Device ${uuid}`);
    return toDevice(row);
  }

  /** An admin's maintenance flag and hand-set type (device-settings.ts). */
  update(uuid: string, settings: DeviceSettings): Promise<Device> {
    return applyDeviceSettings(this.ctx, uuid, settings);
  }

  /** Lights the locate LED of the device's board. */
  async locate(uuid: string, on: boolean): Promise<void> {
    const device = await this.get(uuid);
    await locateBoard(this.ctx, await podManagerRow(this.ctx, device.podmId), device.fabricId, on, `device ${uuid} (board ${device.fabricId})`);
  }

  /** Returns an orphaned device to the pool (release.ts). */
  release(uuid: string): Promise<Device> {
    return releaseOrphan(this.ctx, uuid);
  }
}

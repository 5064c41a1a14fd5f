import type { Static } from '@sinclair/typebox';
import type { Device, DeviceSummary, SyncReport } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import type { DeviceBrief, DeviceView, SyncReportView } from './schemas.js';

export function deviceBrief(d: DeviceSummary): Static<typeof DeviceBrief> {
  return {
    uuid: d.uuid,
    podm_id: d.podmId,
    type: d.type,
    state: d.state,
    node_id: d.serverId,
    resource_uri: `devices/${d.fabricId}`,
    pooled_group_id: d.groupId,
    type_source: d.typeSource,
    maintenance: d.maintenance,
  };
}

export function deviceView(d: Device): Static<typeof DeviceView> {
  return {
    ...deviceBrief(d),
    properties: {
      device_id: d.fabricId,
      mac_address: d.macAddress,
      model: d.generation,
      pcie_class_code: d.pcieClassCode,
      pcie_vendor_id: d.pcieVendorId,
      pcie_device_id: d.pcieDeviceId,
    },
    extra: { vendor_name: d.vendorName, device_name: d.deviceName },
    maintenance_reason: d.maintenanceReason,
    created_at: valenceTime(d.createdAt),
    updated_at: valenceTime(d.updatedAt),
  };
}

export function syncReportView(r: SyncReport): Static<typeof SyncReportView> {
  if (r.status !== 'SUCCESS') return { podm_id: r.podm_id, status: r.status, detail: r.detail };
  const { podm_id, status, servers, added, updated, offline, removed, unchanged, deferred } = r;
  return { podm_id, status, servers, added, updated, offline, removed, unchanged, deferred };
}

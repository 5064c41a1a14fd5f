import type { Static } from '@sinclair/typebox';
import type { Device, DeviceSummary, SyncReport } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import type { DeviceBrief, DeviceView, SyncReportView } from './schemas.js';

export function deviceBrief(d: DeviceSummary): Static<typeof DeviceBrief> {
  return {
    uuid: d.uuid,
    podm_id: d.podm_id,
    type: d.type,
    state: d.state,
    node_id: d.node_id,
    resource_uri: `devices/${d.eem_id}`,
    pooled_group_id: d.pooled_group_id,
  };
}

export function deviceView(d: Device): Static<typeof DeviceView> {
  return {
    ...deviceBrief(d),
    properties: {
      device_id: d.eem_id,
      mac_address: d.mac_address,
      model: d.generation,
      pcie_class_code: d.pcie_class_code,
      pcie_vendor_id: d.pcie_vendor_id,
      pcie_device_id: d.pcie_device_id,
    },
    extra: { vendor_name: d.vendor_name, device_name: d.device_name },
    created_at: valenceTime(d.created_at),
    updated_at: valenceTime(d.updated_at),
  };
}

export function syncReportView(r: SyncReport): Static<typeof SyncReportView> {
  if (r.status !== 'SUCCESS') return { podm_id: r.podm_id, status: r.status, detail: r.detail };
  const { podm_id, status, servers, added, updated, offline, removed, unchanged, deferred } = r;
  return { podm_id, status, servers, added, updated, offline, removed, unchanged, deferred };
}

import type { AuditEvent, ComposePlan, Device, DeviceSummary, Flavor, Node, NodeDetail, PodManager, Registration, System } from '../core/index.js';
import { valenceTime } from '../shared/time.js';

// How core's records look on the wire: Valence's field names and timestamp format. The response
// schemas beside the routes are the allow-list; these functions only rename.

export function podManagerView(p: PodManager) {
  return {
    uuid: p.uuid,
    name: p.name,
    url: p.url,
    driver: p.driver,
    authentication: [{ type: 'basic', auth_items: { username: p.username, password: '***' as const } }],
    insecure: p.insecure === 1,
    status: p.status,
    status_detail: p.status_detail,
    description: p.description,
    location: p.location,
    last_sync_at: p.last_sync_at && valenceTime(p.last_sync_at),
    created_at: valenceTime(p.created_at),
    updated_at: valenceTime(p.updated_at),
  };
}

export function deviceBrief(d: DeviceSummary) {
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

export function deviceView(d: Device) {
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

export function systemBrief(s: System) {
  return {
    id: s.id,
    resource_uri: `devices/${s.id}`,
    pooled_group_id: s.groupId,
    type: s.generation,
    mac_address: s.macAddress,
    host_serial_num: s.hostSerialNumber,
    host_serial_number: s.hostSerialNumber,
    host_model: s.hostModel,
    power_state: s.powerOn ? 'on' : 'off',
    podm_id: s.podmId,
    max_devices: s.maxDevices,
  };
}

export function systemView(s: System) {
  return {
    id: s.id,
    type: s.generation,
    pooled_group_id: s.groupId,
    mac_address: s.macAddress,
    serial_number: s.serialNumber,
    name: 'eesv',
    power_state: s.powerOn ? 'on' : 'off',
    host_model: s.hostModel,
    host_serial_number: s.hostSerialNumber,
    description: s.model,
    ee_version: s.firmware,
    update_time: epochMsText(s.version),
    podm_id: s.podmId,
    max_devices: s.maxDevices,
  };
}

export function flavorView(f: Flavor) {
  return { ...f, created_at: valenceTime(f.created_at), updated_at: valenceTime(f.updated_at) };
}

export function nodeBrief(n: Node) {
  return { uuid: n.uuid, name: n.name, index: n.node_index, resource_uri: `devices/${n.node_index}`, podm_id: n.podm_id };
}

/** Valence's stored node record (register's answer), with the Ironic registration when there is one. */
export function nodeRecordView(n: Node, registration?: Registration) {
  return {
    ...nodeBrief(n),
    ...(n.managed_by !== null && { managed_by: n.managed_by }),
    ...(n.ironic_uuid !== null && { ironic_uuid: n.ironic_uuid }),
    ...(registration && { provision_state: registration.provisionState, ports: registration.ports }),
    created_at: valenceTime(n.created_at),
    updated_at: valenceTime(n.updated_at),
  };
}

/** Valence merged the driver's view of the server with the stored record (stored fields win). */
export function nodeView({ node, server, fabricError, devices }: NodeDetail) {
  return {
    ...nodeBrief(node),
    description: node.description || server?.model || '',
    state: node.state,
    project_id: node.project_id,
    ...(node.managed_by !== null && { managed_by: node.managed_by }),
    created_at: valenceTime(node.created_at),
    updated_at: valenceTime(node.updated_at),
    ...(server && {
      type: server.generation,
      serial_number: server.serialNumber,
      power_state: server.powerOn ? 'on' : 'off',
      host_model: server.hostModel,
      host_serial_number: server.hostSerialNumber,
      mac_address: server.macAddress,
      pooled_group_id: server.groupId,
      max_devices: server.maxDevices,
    }),
    ...(fabricError !== null && { fabric_error: fabricError }),
    devices: devices.map(deviceBrief),
  };
}

export function composePlanView(p: ComposePlan) {
  return {
    dry_run: true as const,
    podm_id: p.podm.uuid,
    index: p.server.eem_id,
    resource_uri: `devices/${p.server.eem_id}`,
    devices: p.devices.map(deviceBrief),
  };
}

/** The EEM's update_time (ms since the epoch) as Valence rendered it: `YYYY-MM-DD HH:MM:SS`. */
function epochMsText(ms: string): string {
  const n = Number(ms);
  return Number.isFinite(n) ? new Date(n).toISOString().slice(0, 19).replace('T', ' ') : ms;
}

export function auditEventView({ at, ...e }: AuditEvent) {
  return { ...e, time: at };
}

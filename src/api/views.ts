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
    insecure: p.insecure,
    status: p.status,
    status_detail: p.statusDetail,
    description: p.description,
    location: p.location,
    last_sync_at: p.lastSyncAt && valenceTime(p.lastSyncAt),
    created_at: valenceTime(p.createdAt),
    updated_at: valenceTime(p.updatedAt),
  };
}

export function deviceBrief(d: DeviceSummary) {
  return {
    uuid: d.uuid,
    podm_id: d.podmId,
    type: d.type,
    state: d.state,
    node_id: d.serverId,
    resource_uri: `devices/${d.fabricId}`,
    pooled_group_id: d.groupId,
  };
}

export function deviceView(d: Device) {
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
    created_at: valenceTime(d.createdAt),
    updated_at: valenceTime(d.updatedAt),
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
  return { uuid: f.uuid, name: f.name, description: f.description, properties: f.properties, created_at: valenceTime(f.createdAt), updated_at: valenceTime(f.updatedAt) };
}

export function nodeBrief(n: Node) {
  return { uuid: n.uuid, name: n.name, index: n.serverId, resource_uri: `devices/${n.serverId}`, podm_id: n.podmId };
}

/** Valence's stored node record (register's answer), with the Ironic registration when there is one. */
export function nodeRecordView(n: Node, registration?: Registration) {
  return {
    ...nodeBrief(n),
    ...(n.managedBy !== null && { managed_by: n.managedBy }),
    ...(n.ironicUuid !== null && { ironic_uuid: n.ironicUuid }),
    ...(registration && { provision_state: registration.provisionState, ports: registration.ports }),
    created_at: valenceTime(n.createdAt),
    updated_at: valenceTime(n.updatedAt),
  };
}

/** Valence merged the driver's view of the server with the stored record (stored fields win). */
export function nodeView({ node, server, fabricError, devices }: NodeDetail) {
  return {
    ...nodeBrief(node),
    description: node.description || server?.model || '',
    state: node.state,
    project_id: node.projectId,
    ...(node.managedBy !== null && { managed_by: node.managedBy }),
    created_at: valenceTime(node.createdAt),
    updated_at: valenceTime(node.updatedAt),
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
    podm_id: p.podmId,
    index: p.serverId,
    resource_uri: `devices/${p.serverId}`,
    devices: p.devices.map(deviceBrief),
  };
}

/** The EEM's update_time (ms since the epoch) as Valence rendered it: `YYYY-MM-DD HH:MM:SS`. */
function epochMsText(ms: string): string {
  const n = Number(ms);
  return Number.isFinite(n) ? new Date(n).toISOString().slice(0, 19).replace('T', ' ') : ms;
}

export function auditEventView(e: AuditEvent) {
  return {
    id: e.id, time: e.at, request_id: e.requestId, user_id: e.userId, user_name: e.userName, project: e.project,
    role: e.role, action: e.action, target: e.target, result: e.result, status: e.status,
  };
}

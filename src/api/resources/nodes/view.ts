import type { Static } from '@sinclair/typebox';
import type { ComposePlan, Node, NodeDetail, Registration } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import { deviceBrief } from '../devices/view.js';
import type { ComposePlanView, NodeBrief, NodeRecord, NodeView } from './schemas.js';

export function nodeBrief(n: Node): Static<typeof NodeBrief> {
  return { uuid: n.uuid, name: n.name, index: n.node_index, resource_uri: `devices/${n.node_index}`, podm_id: n.podm_id };
}

/** Valence's stored node record (register's answer), with the Ironic registration when there is one. */
export function nodeRecordView(n: Node, registration?: Registration): Static<typeof NodeRecord> {
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
export function nodeView({ node, server, fabricError, devices }: NodeDetail): Static<typeof NodeView> {
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

export function composePlanView(p: ComposePlan): Static<typeof ComposePlanView> {
  return {
    dry_run: true,
    podm_id: p.podm.uuid,
    index: p.server.eem_id,
    resource_uri: `devices/${p.server.eem_id}`,
    devices: p.devices.map(deviceBrief),
  };
}

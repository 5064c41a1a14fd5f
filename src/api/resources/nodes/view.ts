import type { Static } from '@sinclair/typebox';
import type { ComposePlan, Node, NodeDetail, Registration } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import { deviceBrief } from '../devices/view.js';
import type { ComposePlanView, NodeBrief, NodeListItem, NodeRecord, NodeView } from './schemas.js';

export function nodeBrief(n: Node): Static<typeof NodeBrief> {
  return { uuid: n.uuid, name: n.name, index: n.serverId, resource_uri: `devices/${n.serverId}`, podm_id: n.podmId };
}

export function nodeListItem(n: Node): Static<typeof NodeListItem> {
  return { ...nodeBrief(n), state: n.state, state_reason: n.stateReason };
}

/** Valence's stored node record (register's answer), with the Ironic registration when there is one. */
export function nodeRecordView(n: Node, registration?: Registration): Static<typeof NodeRecord> {
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
export function nodeView({ node, server, fabricError, devices }: NodeDetail): Static<typeof NodeView> {
  return {
    ...nodeBrief(node),
    description: node.description || server?.model || '',
    state: node.state,
    state_reason: node.stateReason,
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

export function composePlanView(p: ComposePlan): Static<typeof ComposePlanView> {
  return {
    dry_run: true,
    podm_id: p.podmId,
    index: p.serverId,
    resource_uri: `devices/${p.serverId}`,
    generation: p.generation,
    generation_rule: `a ${p.generation} server takes ${p.generation} devices only (ExpEther joins boards of one generation)`,
    devices: p.devices.map(deviceBrief),
  };
}

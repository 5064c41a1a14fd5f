import type { NodeDetail } from '../../core/index.js';
import { serverBlockId } from './block-ids.js';
import { link, paths, resource, status, type Health, type StatusState } from './odata.js';

/** A node's state as a system's Status. */
function systemStatus(detail: NodeDetail): { State: StatusState; Health: Health } {
  if (detail.server === null) return status('Enabled', 'Warning'); // the fabric could not be read just now
  switch (detail.node.state) {
    case 'composing':
    case 'decomposing':
      return status('Starting', 'OK');
    case 'composed':
      return status(detail.server.powerOn ? 'Enabled' : 'StandbyOffline', 'OK');
    case 'degraded':
      return status('Enabled', 'Warning');
    case 'lost':
      return status('UnavailableOffline', 'Critical');
    default: {
      const unknown: never = detail.node.state;
      throw new Error(`no status for node state ${String(unknown)}`);
    }
  }
}

/**
 * A node as a composed ComputerSystem: its blocks are its server's and its devices', its PCIe
 * devices the cards in them. `Boot` and `Actions` are present because sushy needs them; no Reset is
 * offered: the ExpEther board cannot power the host (the host's own BMC does).
 */
export function systemView(detail: NodeDetail) {
  const { node, server, devices } = detail;
  const blocks = [serverBlockId(node.podmId, node.serverId), ...devices.map((d) => d.uuid)].map((id) => link(paths.block(id)));
  const pcie = devices.map((d) => link(paths.pcieDevice(d.uuid)));
  return {
    ...resource('ComputerSystem', paths.system(node.uuid), node.uuid, node.name),
    ...(node.description !== '' && { Description: node.description }),
    UUID: node.uuid,
    SystemType: 'Composed',
    ...(server && {
      PowerState: server.powerOn ? 'On' : 'Off',
      Manufacturer: 'NEC',
      Model: server.hostModel || server.model,
      SerialNumber: server.hostSerialNumber || server.serialNumber,
    }),
    Status: systemStatus(detail),
    Composition: { UseCases: ['ResourceBlockCapable', 'ExpandableSystem'] },
    Boot: {},
    Actions: {},
    PCIeDevices: pcie,
    'PCIeDevices@odata.count': pcie.length,
    Links: {
      ResourceBlocks: blocks,
      'ResourceBlocks@odata.count': blocks.length,
      Chassis: [link(paths.chassis(serverBlockId(node.podmId, node.serverId)))],
    },
    Oem: { Covalence: { PodManager: node.podmId, ServerId: node.serverId, State: node.state, StateReason: node.stateReason, Project: node.projectId } },
  };
}

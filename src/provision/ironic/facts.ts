import type { ComposedNodeFacts } from '../provisioner.js';

/** What covalence writes on an Ironic node about the composed node behind it. */

/**
 * `extra` keys, flat and prefixed so they sit beside an operator's own and can be set with
 * `openstack baremetal node set --extra`.
 */
export function nodeExtra(node: ComposedNodeFacts): Record<string, unknown> {
  return {
    covalence_node_uuid: node.uuid,
    covalence_node_index: node.index,
    covalence_podm_id: node.podmId,
    covalence_podm_name: node.podmName,
    covalence_devices: node.devices.map((d) => ({
      uuid: d.uuid,
      type: d.type,
      vendor: d.vendorName,
      device: d.deviceName,
      resource_uri: d.resourceUri,
    })),
  };
}

/** Traits covalence owns; any other trait on the node is the operator's and left alone. */
export const DEVICE_TRAIT_PREFIX = 'CUSTOM_COVALENCE_';

/** One trait per attached device type (`GPU` → `CUSTOM_COVALENCE_GPU`), as Ironic's trait grammar allows. */
export function deviceTraits(node: ComposedNodeFacts): string[] {
  const types = node.devices.flatMap((d) => (d.type === null ? [] : [d.type.toUpperCase().replace(/[^A-Z0-9]/g, '_')]));
  return [...new Set(types)].sort().map((t) => DEVICE_TRAIT_PREFIX + t);
}

/** `current` with covalence's device traits replaced by those of `node`. */
export function withDeviceTraits(current: readonly string[], node: ComposedNodeFacts): string[] {
  return [...current.filter((t) => !t.startsWith(DEVICE_TRAIT_PREFIX)), ...deviceTraits(node)];
}

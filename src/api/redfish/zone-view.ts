import type { PodManager } from '../../core/index.js';
import type { Block } from './block-view.js';
import { collectionCapabilities } from './capabilities.js';
import { link, paths, resource, status } from './odata.js';

/** A pod manager is a zone of resource blocks: a composition takes all its blocks from one zone. */
export function zoneView(podm: PodManager, blocks: readonly Block[]) {
  const online = podm.status === 'Online';
  const members = blocks.filter((b) => b.podmId === podm.uuid).map((b) => link(paths.block(b.id)));
  return {
    ...resource('Zone', paths.zone(podm.uuid), podm.uuid, podm.name),
    Description: `The ExpEther fabric of pod manager ${podm.name} (${podm.url})`,
    ZoneType: 'ZoneOfResourceBlocks',
    Status: status(online ? 'Enabled' : 'UnavailableOffline', online ? 'OK' : 'Critical'),
    Links: { ResourceBlocks: members, 'ResourceBlocks@odata.count': members.length },
    '@Redfish.CollectionCapabilities': collectionCapabilities([podm.uuid]),
  };
}

import type { FabricServer, PodManagerDriver } from '../../drivers/index.js';
import { CoreError } from '../errors.js';
import type { OperationPlan } from './journal.js';

/**
 * Compose takes only empty servers (ARCHITECTURE rule 7): the store's candidates had nothing in
 * their group at the last sync, and a server that has a group of its own is checked on the fabric
 * now, before anything joins it. Devices someone attached since make it theirs: manage adopts it.
 */
export async function assertEmptyGroup(driver: PodManagerDriver, plan: OperationPlan, server: FabricServer): Promise<void> {
  if (!server.hasOwnGroup) return;
  plan.step = `list group ${server.groupId} of server ${plan.serverId}`;
  const members = await driver.groupMembers(server.groupId);
  if (members.length === 0) return;
  throw new CoreError(
    'conflict',
    `server ${plan.serverId} has devices attached outside covalence in its group ${server.groupId} (${members.join(', ')}); compose takes empty servers only (manage adopts this one)`,
  );
}

import type { PodManagerDriver } from '../drivers/index.js';
import type { Db } from '../store/database.js';
import { updateDevice } from '../store/devices.js';
import type { OperationPlan } from './journal.js';

/** What the fabric said about a device after covalence moved it (or found it), for the store. */
export interface DeviceOutcome {
  readonly uuid: string | null;
  readonly groupId: string;
  readonly version: string;
  readonly free: boolean;
  readonly online: boolean;
}

/**
 * Takes the plan's devices out of the plan's group, reading each one's current state first, so it
 * is right whether the earlier step happened, half happened or never did; then, if the plan gave
 * the server its group and nothing else is in it, returns the group. Used to undo compose and
 * attach, and to carry out (or finish) detach and decompose. Throws on the first fabric failure,
 * with `outcomes` holding what was done so far; running it again continues where it stopped.
 */
export async function takeOutOfGroup(
  driver: PodManagerDriver, plan: OperationPlan, returnGroup: boolean, outcomes: DeviceOutcome[] = [],
): Promise<DeviceOutcome[]> {
  for (const planned of plan.devices) {
    plan.step = `detach device ${planned.eemId}`;
    const now = await driver.device(planned.eemId);
    if (plan.group !== null && now.groupId === plan.group) {
      const left = await driver.leaveGroup(planned.eemId, now.version);
      outcomes.push({ uuid: planned.uuid, groupId: left.groupId, version: left.version, free: true, online: now.online });
    } else {
      outcomes.push({ uuid: planned.uuid, groupId: now.groupId, version: now.version, free: now.free, online: now.online });
    }
  }
  if (returnGroup && plan.group !== null) await returnServerGroup(driver, plan.server, plan.group, plan);
  return outcomes;
}

async function returnServerGroup(driver: PodManagerDriver, serverId: string, group: string, plan: OperationPlan): Promise<void> {
  plan.step = `return group ${group} of server ${serverId}`;
  const server = await driver.server(serverId);
  if (server.groupId !== group) return;
  if ((await driver.groupMembers(group)).length > 0) return;
  await driver.leaveGroup(serverId, server.version);
}

/** Writes back the devices found or put in the free pool; the rest are left for sync to place. */
export async function recordFreed(tx: Db, outcomes: readonly DeviceOutcome[], at: string): Promise<void> {
  for (const o of outcomes) {
    if (o.uuid === null || !o.free) continue;
    await updateDevice(tx, o.uuid, {
      state: o.online ? 'free' : 'offline', node_id: null, pooled_group_id: o.groupId, fabric_version: o.version, updated_at: at,
    });
  }
}

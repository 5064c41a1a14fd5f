import type { FabricServer, GroupChange, PodManagerDriver } from '../../drivers/index.js';
import { FabricError } from '../../drivers/index.js';
import type { Db } from '../../store/database.js';
import { findDevice, updateDevice } from '../../store/devices.js';
import type { DevicePatch } from '../../store/schema.js';
import { CoreError } from '../errors.js';
import { recordDeviceChange } from '../events/device-change.js';
import { record } from '../events/recorder.js';
import type { Device } from '../pool/devices.js';
import type { Journal, Operation, OperationPlan, PlannedDevice } from './journal.js';

/** What the fabric said about a device after covalence moved it (or found it), for the store. */
export interface DeviceOutcome {
  readonly uuid: string | null;
  readonly fabricId: string;
  /** The group the fabric has it in now; null when the fabric no longer reports it. */
  readonly groupId: string | null;
  readonly version: string;
  readonly free: boolean;
  readonly online: boolean;
}

/** A device put into the node's group, as the fabric answered. */
export interface Joined {
  readonly uuid: string | null;
  readonly groupId: string;
  readonly version: string;
}

/**
 * Puts the plan's devices into the node's group, first giving the server a group of its own when it
 * has none (and there is something to attach). The intent to create a group is journalled before
 * the call, whose answer may be lost, so that an undo finds the group and returns it. So is each
 * join, and what came of it: an undo takes back only what this operation put there.
 */
export async function joinGroup(driver: PodManagerDriver, journal: Journal, op: Operation, server: FabricServer): Promise<Joined[]> {
  const { plan } = op;
  if (server.hasOwnGroup || plan.devices.length === 0) {
    plan.group = server.hasOwnGroup ? server.groupId : null;
  } else {
    plan.step = `give server ${plan.serverId} a group`;
    plan.returnGroup = true;
    await journal.progress(op);
    plan.group = (await driver.createGroup(plan.serverId, server.version)).groupId;
    await journal.progress(op);
  }
  const joined: Joined[] = [];
  for (const device of plan.devices) {
    plan.step = `attach device ${device.fabricId}`;
    let answer: GroupChange;
    try {
      answer = await sendJoin(driver, journal, op, device);
    } catch (err) {
      if (!(refused(err) && err.kind === 'conflict' && (await refreshedIfHarmless(driver, device)))) throw err;
      answer = await sendJoin(driver, journal, op, device);
    }
    joined.push({ uuid: device.uuid, ...answer });
  }
  return joined;
}

/** One join, journalled before it is sent: its answer may be lost. */
async function sendJoin(driver: PodManagerDriver, journal: Journal, op: Operation, device: PlannedDevice): Promise<GroupChange> {
  device.join = { kind: 'sent' };
  await journal.progress(op);
  try {
    const answer = await driver.joinGroup(device.fabricId, op.plan.group!, device.version);
    device.join = { kind: 'joined', version: answer.version };
    return answer;
  } catch (err) {
    if (refused(err)) device.join = { kind: 'refused', why: err.message };
    throw err;
  }
}

/**
 * The EEM refused a join with a conflict, which it answers when the version covalence sent is not
 * the board's any more. A link flap or a locate LED bumps the version without changing what
 * covalence relies on, so the device is read again: if it is still free in the pool (group 4093,
 * so no one else has taken it: covalence moves no device it does not own) and online (link up,
 * enabled), its version is refreshed for one more try (true). Anything else is a real conflict.
 * A refusal with the version unchanged was not about the version: the EEM's answer stands (false).
 */
async function refreshedIfHarmless(driver: PodManagerDriver, device: PlannedDevice): Promise<boolean> {
  const now = await driver.device(device.fabricId);
  const what = `Device ${device.uuid ?? device.fabricId} (board ${device.fabricId})`;
  if (!now.free) {
    throw new CoreError('conflict', `${what} changed on the fabric since covalence last read it: it is in group ${now.groupId}, no longer free, so it was not attached.`);
  }
  if (!now.online) {
    throw new CoreError('conflict', `${what} changed on the fabric since covalence last read it: it is offline (link down or disabled), so it was not attached.`);
  }
  if (now.version === device.version) return false;
  device.version = now.version;
  return true;
}

/** The EEM answered a 4xx: it changed nothing. Anything else (a timeout, a dropped connection) may hide a change. */
function refused(err: unknown): err is FabricError {
  return err instanceof FabricError && err.fabricStatus !== undefined && err.fabricStatus >= 400 && err.fabricStatus < 500;
}

/** Writes back the devices now in the node's group, owned by the node. */
export async function recordJoined(tx: Db, nodeUuid: string, serverId: string, joined: readonly Joined[], at: string): Promise<void> {
  for (const j of joined) {
    if (j.uuid === null) continue;
    const after = { state: 'allocated', node_id: serverId, pooled_group_id: j.groupId, owner_node: nodeUuid } as const;
    await updateDevice(tx, j.uuid, { ...after, fabric_version: j.version, updated_at: at });
    await record(tx, { kind: 'device.attached', target: j.uuid, nodeId: nodeUuid, before: { state: 'free' }, after });
  }
}

/** A device to take out of its node's group, with where the store last saw it (a removed one is nowhere). */
export function plannedLeave(d: Device): PlannedDevice {
  const seen = { groupId: d.groupId, online: d.state !== 'offline' };
  return { uuid: d.uuid, fabricId: d.fabricId, version: d.version, ...(d.state !== 'removed' && { seen }) };
}

/**
 * Takes the plan's devices out of the plan's group, reading each one's current state first (or
 * sending the version it was seen at: `optimistic`), so it is right whether the earlier step
 * happened, half happened or never did; then, if the plan says so and nothing else is in it, gives
 * the server's group back. Used to undo compose and attach (`undo`), and to carry out (or finish)
 * detach and decompose. A device found elsewhere, or gone, is left alone and reported in its
 * outcome. Throws on the first fabric failure, with `outcomes`
 * holding what was done so far; running it again continues where it stopped.
 *
 * `undo`: only this operation's own joins are taken back, and only where the fabric still shows
 * them: a join the EEM refused is not undone (the device may be someone else's, put there out of
 * band). A join still on its way (its answer timed out or its connection dropped) is fenced first:
 * auditing the board bumps its version, so a late change carrying the old one is refused; only
 * then is the board's state read. A join that was answered must still show the version it got.
 *
 * `optimistic` (detach and decompose as they run; not recovery, whose journal cannot tell whether a
 * leave went out already): a device the store saw in the plan's group is taken out unread, with the
 * version it was seen at. The EEM refuses that if the board changed since (moved, unplugged, its
 * link flapped, its LED lit), and only then is it read and decided on as above: a device moved out
 * of band is still never touched, and one unchanged since costs one call instead of two.
 */
export async function takeOutOfGroup(
  driver: PodManagerDriver, plan: OperationPlan, opts: { undo?: boolean; optimistic?: boolean; outcomes?: DeviceOutcome[] } = {},
): Promise<DeviceOutcome[]> {
  const outcomes = opts.outcomes ?? [];
  if (opts.undo && plan.returnGroup && plan.group === null) {
    // The group request's answer was lost; if it was granted after all, that group is ours.
    plan.step = `fence server ${plan.serverId}`;
    await driver.fence(plan.serverId);
    const server = await driver.server(plan.serverId);
    if (server.hasOwnGroup) plan.group = server.groupId;
  }
  for (const planned of plan.devices) {
    if (outcomes.some((o) => o.fabricId === planned.fabricId)) continue;
    const join = planned.join ?? { kind: 'sent' };
    if (opts.undo && (join.kind === 'planned' || join.kind === 'refused')) continue;
    plan.step = `detach device ${planned.fabricId}`;
    const unread = opts.optimistic ? await leaveAsSeen(driver, plan, planned) : undefined;
    if (unread) {
      outcomes.push(unread);
      continue;
    }
    if (opts.undo && join.kind === 'sent') await driver.fence(planned.fabricId);
    const now = await readDevice(driver, planned);
    if (!now) {
      outcomes.push({ uuid: planned.uuid, fabricId: planned.fabricId, groupId: null, version: '', free: false, online: false });
      continue;
    }
    const ours = plan.group !== null && now.groupId === plan.group && (!opts.undo || join.kind !== 'joined' || join.version === now.version);
    if (ours) {
      const left = await driver.leaveGroup(planned.fabricId, now.version);
      outcomes.push({ uuid: planned.uuid, fabricId: planned.fabricId, groupId: left.groupId, version: left.version, free: true, online: now.online });
    } else {
      outcomes.push({ uuid: planned.uuid, fabricId: planned.fabricId, groupId: now.groupId, version: now.version, free: now.free, online: now.online });
    }
  }
  if (plan.returnGroup && plan.group !== null) await returnServerGroup(driver, plan.serverId, plan.group, plan);
  return outcomes;
}

/**
 * Takes a device out of the plan's group with the version the store saw it there at; undefined when
 * the store did not see it there, or the EEM refused (the board changed since: read it).
 */
async function leaveAsSeen(driver: PodManagerDriver, plan: OperationPlan, planned: PlannedDevice): Promise<DeviceOutcome | undefined> {
  const { seen } = planned;
  if (!seen || plan.group === null || seen.groupId !== plan.group || planned.version === '') return undefined;
  try {
    const left = await driver.leaveGroup(planned.fabricId, planned.version);
    return { uuid: planned.uuid, fabricId: planned.fabricId, groupId: left.groupId, version: left.version, free: true, online: seen.online };
  } catch (err) {
    if (refused(err)) return undefined;
    throw err;
  }
}

/** The device as the fabric has it now; undefined when the fabric no longer reports it. */
async function readDevice(driver: PodManagerDriver, planned: PlannedDevice) {
  try {
    return await driver.device(planned.fabricId);
  } catch (err) {
    if (err instanceof FabricError && err.kind === 'not_found') return undefined;
    throw err;
  }
}

/**
 * Gives back the group covalence gave the server, if the server is still in it and nothing else is.
 * One listing of the group shows both at once, and the leave carries the server's version from it:
 * a device joining the group after that listing bumps the version, so the EEM refuses the leave
 * rather than strand that device in a group without a server.
 */
async function returnServerGroup(driver: PodManagerDriver, serverId: string, group: string, plan: OperationPlan): Promise<void> {
  plan.step = `return group ${group} of server ${serverId}`;
  const { server, deviceIds } = await driver.group(group);
  if (server?.id !== serverId || deviceIds.length > 0) return;
  await driver.leaveGroup(serverId, server.version);
}

/**
 * After a detach or decompose failed part-way: fences and reads the devices whose fate is unknown,
 * so the store records where the fabric has them now. Stops quietly at the first fabric failure
 * (the EEM may be down); sync settles the rest.
 */
export async function observe(driver: PodManagerDriver, plan: OperationPlan, outcomes: DeviceOutcome[]): Promise<void> {
  try {
    for (const planned of plan.devices) {
      if (outcomes.some((o) => o.fabricId === planned.fabricId)) continue;
      await driver.fence(planned.fabricId);
      const now = await driver.device(planned.fabricId);
      outcomes.push({ uuid: planned.uuid, fabricId: planned.fabricId, groupId: now.groupId, version: now.version, free: now.free, online: now.online });
    }
  } catch {
    // recorded what could be read; the failure itself is already being reported
  }
}

/**
 * Writes back the devices found or put in the free pool, and those the fabric no longer reports;
 * either way no node owns them any more. The rest are left for sync to place.
 */
export async function recordFreed(tx: Db, outcomes: readonly DeviceOutcome[], at: string): Promise<void> {
  for (const o of outcomes) {
    if (o.uuid === null) continue;
    const before = await findDevice(tx, o.uuid);
    let patch: DevicePatch;
    if (o.groupId === null) {
      patch = { state: 'removed', node_id: null, owner_node: null, removed_at: at, updated_at: at };
    } else if (o.free) {
      patch = { state: o.online ? 'free' : 'offline', node_id: null, owner_node: null, pooled_group_id: o.groupId, fabric_version: o.version, updated_at: at };
    } else {
      continue;
    }
    await updateDevice(tx, o.uuid, patch);
    if (before) await recordDeviceChange(tx, before, patch);
  }
}

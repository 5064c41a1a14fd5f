import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../store/database.js';
import { findDevice, holdDevices } from '../../store/devices.js';
import { holdNode } from '../../store/nodes.js';
import type { RowLock } from '../../store/row-locks.js';
import type { CoreContext } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import { toDevice, type Device } from '../pool/devices.js';
import type { Journal, Operation } from './journal.js';
import { readNode, type Node } from './node.js';
import { AT_REST, isAtRest } from './states.js';

// The first step of every node verb: in one transaction, check the rules on locked rows, hold the
// node and devices for the operation, and journal its intent.

/**
 * Runs a reservation transaction, and while it fails because another operation holds the node or a
 * device, tries again for up to `holdWaitMs`: two attaches to one node queue instead of failing.
 */
export async function retryWhileHeld<T>(ctx: CoreContext, work: (tx: Db) => Promise<T>): Promise<T> {
  const deadline = Date.now() + ctx.settings.holdWaitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await ctx.store.transaction(work);
    } catch (err) {
      if (!(err instanceof CoreError && err.kind === 'busy') || Date.now() + pause > deadline) throw err;
      await sleep(pause);
    }
  }
}

/**
 * The row lock a reservation's reads take where other processes write at the same time (PostgreSQL
 * replicas): none where the store runs one transaction at a time.
 */
export function reservationLock(ctx: CoreContext, mode: 'skip' | 'wait'): RowLock {
  return ctx.store.rowLocks ? mode : undefined;
}

/** The node, read so that the rules see it as the last operation left it; busy unless at rest. */
export async function nodeAtRest(ctx: CoreContext, tx: Db, nodeUuid: string): Promise<Node> {
  const node = await readNode(tx, nodeUuid, reservationLock(ctx, 'wait'));
  if (!node) throw notFound(`Composed node '${nodeUuid}'`);
  if (node.heldBy !== null || !isAtRest(node.state)) throw busyNode(node);
  return node;
}

/** The node at rest and one of its pod manager's devices, for attach and detach. */
export async function nodeAndDevice(ctx: CoreContext, tx: Db, nodeUuid: string, deviceUuid: string): Promise<{ node: Node; device: Device }> {
  const node = await readNode(tx, nodeUuid, reservationLock(ctx, 'wait'));
  if (!node) throw notFound(`Composed node '${nodeUuid}'`);
  const row = await findDevice(tx, deviceUuid, reservationLock(ctx, 'wait'));
  if (!row) throw notFound(`Device ${deviceUuid}`);
  const device = toDevice(row);
  if (device.podmId !== node.podmId) {
    throw new CoreError('invalid', `Device ${deviceUuid} belongs to pod manager ${device.podmId}, not to node ${nodeUuid}'s pod manager ${node.podmId}.`);
  }
  if (node.heldBy !== null || !isAtRest(node.state)) throw busyNode(node);
  return { node, device };
}

/** Holds the node (at rest) and the operation's devices, and journals the intent, all or nothing. */
export async function holdForOperation(tx: Db, journal: Journal, op: Operation, node: Node): Promise<void> {
  if (!(await holdNode(tx, node.uuid, op.id, [...AT_REST]))) throw busyNode(node);
  const devices = op.plan.devices.flatMap((d) => (d.uuid === null ? [] : [d.uuid]));
  if ((await holdDevices(tx, devices, op.id)) !== devices.length) {
    throw new CoreError('busy', devices.length === 1 ? `Device ${devices[0]} is being moved by another operation.` : `A device of node ${node.uuid} is being moved by another operation.`);
  }
  await journal.begin(tx, op);
}

function busyNode(node: Node): CoreError {
  return new CoreError('busy', `Node ${node.uuid} is busy with another operation (${node.state}).`);
}

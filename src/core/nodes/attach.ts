import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import * as devicesRepo from '../../store/devices.js';
import { findNode, holdNode, updateNode } from '../../store/nodes.js';
import type { DeviceRow, NodeRow, PodManagerRow } from '../../store/schema.js';
import { findServer } from '../../store/servers.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { joinGroup, observe, recordFreed, recordJoined, takeOutOfGroup, type DeviceOutcome } from './fabric-moves.js';
import { reservationLock, retryWhileHeld } from './reservation.js';
import type { Journal, Operation } from './journal.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { undoJoin } from './undo.js';

/**
 * Moving one device into or out of a node. Both take the node's lock and the device's hold in one
 * transaction with every rule checked there (same pod manager, free and online, matching board
 * generation, room on the server, attached to *this* node), so no two requests can win the same
 * device or overfill a server. Then one fabric change, journalled, undone on failure.
 */
export class Attachment {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly afterFailure: (podmId: string) => void,
    /** Keeps a provisioner's copy of the node's devices current. */
    private readonly afterChange: (nodeUuid: string) => Promise<void>,
  ) {}

  async attach(nodeUuid: string, deviceUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserveAttach(tx, nodeUuid, deviceUuid));
    if (!op) return; // already attached to this node
    const podm = await podManagerRow(this.ctx, op.podmId);
    const driver = this.ctx.drivers.get(podm);
    const { plan } = op;
    const device = plan.devices[0]!;
    try {
      plan.step = `read server ${plan.server}`;
      const joined = await joinGroup(driver, this.journal, op, await driver.server(plan.server));
      await this.ctx.store.transaction(async (tx) => {
        const at = nowIso();
        await recordJoined(tx, plan.server, joined, at);
        await devicesRepo.releaseDevices(tx, op.id);
        await updateNode(tx, nodeUuid, { held_by: null, updated_at: at, ...(plan.returnGroup && { owned_group_id: plan.group }) });
        await this.journal.finish(tx, op, 'done');
      });
      this.ctx.log.info({ node: nodeUuid, podm_id: podm.uuid, device: device.eemId }, 'device attached');
    } catch (err) {
      throw await this.undoAttach(op, podm, fabricFailure(err, podm, `attach of device ${deviceUuid} to node ${nodeUuid} failed at step '${plan.step}'`));
    }
    await this.afterChange(nodeUuid);
  }

  async detach(nodeUuid: string, deviceUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserveDetach(tx, nodeUuid, deviceUuid));
    const podm = await podManagerRow(this.ctx, op.podmId);
    try {
      await this.finishDetach(op, podm);
    } catch (err) {
      throw await this.stopDetach(op, podm, fabricFailure(err, podm, `detach of device ${deviceUuid} from node ${nodeUuid} failed at step '${op.plan.step}'`));
    }
    await this.afterChange(nodeUuid);
  }

  /** Undoes an attach that failed or whose process died. */
  undoAttach(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    this.afterFailure(podm.uuid);
    return undoJoin(this.ctx, this.journal, op, podm, failure, (tx) => updateNode(tx, op.nodeUuid, { held_by: null, updated_at: nowIso() }));
  }

  /** Carries out a detach, or finishes one whose process died. */
  async finishDetach(op: Operation, podm: PodManagerRow): Promise<void> {
    const outcomes = await takeOutOfGroup(this.ctx.drivers.get(podm), op.plan);
    await this.settleDetach(op, outcomes, 'done');
    this.ctx.log.info({ node: op.nodeUuid, podm_id: podm.uuid, device: op.plan.devices[0]?.eemId }, 'device detached');
  }

  /** A detach that failed leaves the device where the fabric has it now. */
  private async stopDetach(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    const outcomes: DeviceOutcome[] = [];
    await observe(this.ctx.drivers.get(podm), op.plan, outcomes);
    await this.settleDetach(op, outcomes, 'failed', failure instanceof Error ? failure.message : String(failure));
    this.afterFailure(podm.uuid);
    return failure;
  }

  private async settleDetach(op: Operation, outcomes: DeviceOutcome[], state: 'done' | 'failed', error?: string): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      const at = nowIso();
      await recordFreed(tx, outcomes, at);
      await devicesRepo.releaseDevices(tx, op.id);
      await updateNode(tx, op.nodeUuid, { held_by: null, updated_at: at });
      await this.journal.finish(tx, op, state, error);
    });
  }

  /** Checks every rule and takes the holds; null when the device is already on this node. */
  private async reserveAttach(tx: Db, nodeUuid: string, deviceUuid: string): Promise<Operation | null> {
    const { node, device } = await this.nodeAndDevice(tx, nodeUuid, deviceUuid);
    if (device.node_id === node.node_index && device.state === 'allocated') return null;
    if (device.held_by !== null) throw new CoreError('busy', `Device ${deviceUuid} is being moved by another operation.`);
    if (device.state !== 'free') throw new CoreError('conflict', `Device ${deviceUuid} cannot be attached: ${whyNotFree(device)}.`);
    const server = await findServer(tx, node.podm_id, node.node_index);
    if (!server || server.removed_at !== null) throw new CoreError('conflict', `Node ${nodeUuid}: its server ${node.node_index} is no longer on the fabric.`);
    if (server.generation !== device.generation) {
      throw new CoreError('conflict', `Device ${deviceUuid} is a ${device.generation} board and node ${nodeUuid}'s server is ${server.generation}; ExpEther joins boards of one generation only.`);
    }
    const attached = (await devicesRepo.devicesOfServer(tx, node.podm_id, node.node_index)).length;
    if (attached >= server.max_devices) {
      throw new CoreError('conflict', `Node ${nodeUuid} is full: ${attached} of ${server.max_devices} devices attached.`);
    }
    return this.begin(tx, 'attach', node, device, null);
  }

  private async reserveDetach(tx: Db, nodeUuid: string, deviceUuid: string): Promise<Operation> {
    const { node, device } = await this.nodeAndDevice(tx, nodeUuid, deviceUuid);
    if (device.node_id !== node.node_index) {
      const where = device.node_id === null ? 'it is not attached to any node' : `it is attached to server ${device.node_id}`;
      throw new CoreError('conflict', `Device ${deviceUuid} is not attached to node ${nodeUuid}: ${where}.`);
    }
    if (device.held_by !== null) throw new CoreError('busy', `Device ${deviceUuid} is being moved by another operation.`);
    return this.begin(tx, 'detach', node, device, device.pooled_group_id);
  }

  private async nodeAndDevice(tx: Db, nodeUuid: string, deviceUuid: string): Promise<{ node: NodeRow; device: DeviceRow }> {
    // Locked where replicas write at once, so the rules below see the rows as the last operation left them.
    const node = await findNode(tx, nodeUuid, reservationLock(this.ctx, 'wait'));
    if (!node) throw notFound(`Composed node '${nodeUuid}'`);
    const device = await devicesRepo.findDevice(tx, deviceUuid, reservationLock(this.ctx, 'wait'));
    if (!device) throw notFound(`Device ${deviceUuid}`);
    if (device.podm_id !== node.podm_id) {
      throw new CoreError('invalid', `Device ${deviceUuid} belongs to pod manager ${device.podm_id}, not to node ${nodeUuid}'s pod manager ${node.podm_id}.`);
    }
    if (node.held_by !== null || node.state !== 'composed') throw new CoreError('busy', `Node ${nodeUuid} is busy with another operation (${node.state}).`);
    return { node, device };
  }

  private async begin(tx: Db, kind: 'attach' | 'detach', node: NodeRow, device: DeviceRow, group: string | null): Promise<Operation> {
    const op: Operation = {
      id: this.journal.newId(), kind, podmId: node.podm_id, nodeUuid: node.uuid,
      plan: { server: node.node_index, group, returnGroup: false, step: 'reserve', devices: [{ uuid: device.uuid, eemId: device.eem_id, version: device.fabric_version }] },
    };
    if (!(await holdNode(tx, node.uuid, op.id, ['composed']))) throw new CoreError('busy', `Node ${node.uuid} is busy with another operation.`);
    if ((await devicesRepo.holdDevices(tx, [device.uuid], op.id)) !== 1) throw new CoreError('busy', `Device ${device.uuid} is being moved by another operation.`);
    await this.journal.begin(tx, op);
    return op;
  }
}

function whyNotFree(d: DeviceRow): string {
  switch (d.state) {
    case 'allocated':
      return d.node_id ? `it is attached to server ${d.node_id}` : `it is in group ${d.pooled_group_id}`;
    case 'offline':
      return 'it is offline (link down or disabled on the fabric)';
    case 'removed':
      return 'the fabric no longer reports it';
    case 'free':
      return 'it is free';
  }
}

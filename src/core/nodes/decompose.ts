import { FabricError } from '../../drivers/index.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { devicesOfServer, releaseDevices } from '../../store/devices.js';
import { deleteNode } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import { fabricFailure } from '../errors.js';
import { toDevice } from '../pool/devices.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { observe, recordFreed, takeOutOfGroup, type DeviceOutcome } from './fabric-moves.js';
import type { Operation } from './journal.js';
import { holdForOperation, nodeAtRest, retryWhileHeld } from './reservation.js';
import { changeNodeState } from './states.js';
import { DeviceVerb } from './verb.js';

/**
 * Decompose: the node becomes `decomposing`; a registered node leaves Ironic first; then every
 * device is taken out of the node's group, the group covalence gave its server is returned, and the
 * record is deleted. A failure part-way puts the node back to `composed` with the devices the fabric
 * still shows in its group (the store says so) and resyncs the pod manager; a repeat finishes the
 * job. A decompose its process left unfinished is carried out (`recover`).
 */
export class Decompose extends DeviceVerb {
  async run(nodeUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserve(tx, nodeUuid));
    const podm = await podManagerRow(this.ctx, op.podmId);
    try {
      op.plan.step = 'remove the node from Ironic';
      await this.registrations.releaseForDecompose(nodeUuid);
    } catch (err) {
      await this.abandon(op, [], err);
      throw err;
    }
    const outcomes: DeviceOutcome[] = [];
    try {
      await this.addUnsyncedMembers(op, podm);
      await this.carryOut(op, podm, outcomes);
    } catch (err) {
      const failure = fabricFailure(err, podm, `decompose of node ${nodeUuid} failed at step '${op.plan.step}'`);
      await observe(this.ctx.drivers.get(podm), op.plan, outcomes);
      await this.abandon(op, outcomes, failure);
      this.sync.inBackground(podm.uuid);
      throw failure;
    }
  }

  /** A decompose its process left unfinished is carried out: every step reads the fabric first. */
  recover(op: Operation, podm: PodManagerRow): Promise<void> {
    return this.carryOut(op, podm);
  }

  private async carryOut(op: Operation, podm: PodManagerRow, outcomes: DeviceOutcome[] = []): Promise<void> {
    await takeOutOfGroup(this.journal.driver(op, podm), op.plan, { outcomes });
    await this.ctx.store.transaction(async (tx) => {
      await recordFreed(tx, outcomes, nowIso());
      await releaseDevices(tx, op.id);
      await deleteNode(tx, op.nodeUuid);
      await this.journal.finish(tx, op, 'done');
    });
    this.ctx.log.info({ node: op.nodeUuid, podm_id: podm.uuid, devices: outcomes.length }, 'node decomposed');
  }

  /** Stops a decompose part-way: the node stays, with the devices the fabric still has in its group. */
  private async abandon(op: Operation, outcomes: DeviceOutcome[], failure: unknown): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      const at = nowIso();
      await recordFreed(tx, outcomes, at);
      await releaseDevices(tx, op.id);
      await changeNodeState(tx, op.nodeUuid, 'decomposing', 'composed', { held_by: null, updated_at: at });
      await this.journal.finish(tx, op, 'failed', failure instanceof Error ? failure.message : String(failure));
    });
  }

  private async reserve(tx: Db, nodeUuid: string): Promise<Operation> {
    const node = await nodeAtRest(this.ctx, tx, nodeUuid);
    const devices = (await devicesOfServer(tx, node.podmId, node.serverId)).map(toDevice);
    const op: Operation = {
      id: this.journal.newId(), kind: 'decompose', podmId: node.podmId, nodeUuid,
      plan: {
        serverId: node.serverId,
        group: node.ownedGroupId ?? devices[0]?.groupId ?? null,
        returnGroup: node.ownedGroupId !== null,
        step: 'reserve',
        devices: devices.map((d) => ({ uuid: d.uuid, fabricId: d.fabricId, version: d.version })),
      },
    };
    await holdForOperation(tx, this.journal, op, node);
    await changeNodeState(tx, nodeUuid, 'composed', 'decomposing', { updated_at: nowIso() });
    return op;
  }

  /**
   * The fabric is the source of truth: devices it shows in the node's group that sync has not
   * recorded yet are taken out too. A server gone from the fabric has no group left to empty.
   */
  private async addUnsyncedMembers(op: Operation, podm: PodManagerRow): Promise<void> {
    const driver = this.journal.driver(op, podm);
    const { plan } = op;
    plan.step = `read server ${plan.serverId}`;
    try {
      const server = await driver.server(plan.serverId);
      plan.group = server.hasOwnGroup ? server.groupId : null;
    } catch (err) {
      if (err instanceof FabricError && err.kind === 'not_found') return;
      throw err;
    }
    if (plan.group === null) return;
    plan.step = `list group ${plan.group}`;
    const known = new Set(plan.devices.map((d) => d.fabricId));
    for (const id of await driver.groupMembers(plan.group)) {
      if (!known.has(id)) plan.devices.push({ uuid: null, fabricId: id, version: '' });
    }
    await this.journal.progress(op);
  }
}

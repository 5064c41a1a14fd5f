import type { NodeState } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { devicesOwnedBy, disown, releaseDevices } from '../../store/devices.js';
import { deleteNode } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import { fabricFailure } from '../errors.js';
import { record } from '../events/recorder.js';
import { toDevice } from '../pool/devices.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { observe, plannedLeave, recordFreed, takeOutOfGroup, type DeviceOutcome } from './fabric-moves.js';
import type { Operation } from './journal.js';
import { holdForOperation, nodeAtRest, retryWhileHeld } from './reservation.js';
import { changeNodeState } from './states.js';
import { DeviceVerb } from './verb.js';

/**
 * Decompose: the node becomes `decomposing`; a registered node leaves Ironic first; then every
 * device it owns that the fabric still shows in its group is taken out, the group covalence gave its
 * server is returned if nothing else is in it, and the record is deleted. Devices attached outside
 * covalence, and owned ones found elsewhere, are left where they are. This is also the way out for
 * a `lost` node (its server left the fabric or its group). A failure part-way puts the node back to `composed` with the devices the fabric
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
      await this.carryOut(op, podm, { optimistic: true, outcomes });
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
    return this.carryOut(op, podm, { optimistic: false, outcomes: [] });
  }

  private async carryOut(op: Operation, podm: PodManagerRow, how: { optimistic: boolean; outcomes: DeviceOutcome[] }): Promise<void> {
    const { outcomes } = how;
    await takeOutOfGroup(this.journal.driver(op, podm), op.plan, how);
    await this.ctx.store.transaction(async (tx) => {
      await recordFreed(tx, outcomes, nowIso());
      await disown(tx, op.nodeUuid);
      await releaseDevices(tx, op.id);
      await record(tx, { kind: 'node.decomposed', target: op.nodeUuid, nodeId: op.nodeUuid, before: { state: 'decomposing' }, after: null });
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
      await changeNodeState(tx, op.nodeUuid, 'decomposing', 'composed', { held_by: null, state_reason: null, updated_at: at });
      await this.journal.finish(tx, op, 'failed', failure instanceof Error ? failure.message : String(failure));
    });
  }

  private async reserve(tx: Db, nodeUuid: string): Promise<Operation> {
    const node = await nodeAtRest(this.ctx, tx, nodeUuid);
    // Only what the node owns: devices attached outside covalence stay where they are.
    const devices = (await devicesOwnedBy(tx, nodeUuid)).map(toDevice);
    const op: Operation = {
      id: this.journal.newId(), kind: 'decompose', podmId: node.podmId, nodeUuid,
      plan: {
        serverId: node.serverId,
        group: node.groupId,
        returnGroup: node.ownedGroupId !== null,
        step: 'reserve',
        devices: devices.map(plannedLeave),
      },
    };
    await holdForOperation(tx, this.journal, op, node);
    await changeNodeState<NodeState>(tx, nodeUuid, node.state, 'decomposing', { updated_at: nowIso() });
    return op;
  }
}

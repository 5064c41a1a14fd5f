import { FabricError } from '../../drivers/index.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import * as devicesRepo from '../../store/devices.js';
import { deleteNode, findNode, holdNode, updateNode } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { observe, recordFreed, takeOutOfGroup, type DeviceOutcome } from './fabric-moves.js';
import { reservationLock, retryWhileHeld } from './reservation.js';
import type { Journal, Operation } from './journal.js';
import { podManagerRow } from '../pool/pod-managers.js';

/**
 * Decompose: detach every device of the node, return the group covalence gave its server, delete
 * the record. A failure part-way keeps the node with the devices still attached (and the store
 * says so); a repeat finishes the job. A process killed mid-way is finished by recovery.
 */
export class Decompose {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly afterFailure: (podmId: string) => void,
    /** Takes the node out of its provisioner first; throws to keep the node (deployed, busy). */
    private readonly beforeFabric: (nodeUuid: string) => Promise<void>,
  ) {}

  async run(nodeUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserve(tx, nodeUuid));
    const podm = await podManagerRow(this.ctx, op.podmId);
    try {
      op.plan.step = 'remove the node from Ironic';
      await this.beforeFabric(nodeUuid);
    } catch (err) {
      await this.abandon(op, [], err);
      throw err;
    }
    const outcomes: DeviceOutcome[] = [];
    try {
      await this.addUnsyncedMembers(op, podm);
      await this.finish(op, podm, outcomes);
    } catch (err) {
      const failure = fabricFailure(err, podm, `decompose of node ${nodeUuid} failed at step '${op.plan.step}'`);
      await observe(this.ctx.drivers.get(podm), op.plan, outcomes);
      await this.abandon(op, outcomes, failure);
      this.afterFailure(podm.uuid);
      throw failure;
    }
  }

  /** Stops a decompose part-way: the node stays, with the devices the fabric still has in its group. */
  private async abandon(op: Operation, outcomes: DeviceOutcome[], failure: unknown): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      const at = nowIso();
      await recordFreed(tx, outcomes, at);
      await devicesRepo.releaseDevices(tx, op.id);
      await updateNode(tx, op.nodeUuid, { state: 'composed', held_by: null, updated_at: at });
      await this.journal.finish(tx, op, 'failed', failure instanceof Error ? failure.message : String(failure));
    });
  }

  /** Carries out the plan, or finishes it after a crash: every step reads the fabric first. */
  async finish(op: Operation, podm: PodManagerRow, outcomes: DeviceOutcome[] = []): Promise<void> {
    await takeOutOfGroup(this.ctx.drivers.get(podm), op.plan, { outcomes });
    await this.ctx.store.transaction(async (tx) => {
      await recordFreed(tx, outcomes, nowIso());
      await devicesRepo.releaseDevices(tx, op.id);
      await deleteNode(tx, op.nodeUuid);
      await this.journal.finish(tx, op, 'done');
    });
    this.ctx.log.info({ node: op.nodeUuid, podm_id: podm.uuid, devices: outcomes.length }, 'node decomposed');
  }

  private async reserve(tx: Db, nodeUuid: string): Promise<Operation> {
    const node = await findNode(tx, nodeUuid, reservationLock(this.ctx, 'wait'));
    if (!node) throw notFound(`Composed node '${nodeUuid}'`);
    const devices = await devicesRepo.devicesOfServer(tx, node.podm_id, node.node_index);
    const op: Operation = {
      id: this.journal.newId(), kind: 'decompose', podmId: node.podm_id, nodeUuid,
      plan: {
        server: node.node_index,
        group: node.owned_group_id ?? devices[0]?.pooled_group_id ?? null,
        returnGroup: node.owned_group_id !== null,
        step: 'reserve',
        devices: devices.map((d) => ({ uuid: d.uuid, eemId: d.eem_id, version: d.fabric_version })),
      },
    };
    if (!(await holdNode(tx, nodeUuid, op.id, ['composed']))) {
      throw new CoreError('busy', `Node ${nodeUuid} is busy with another operation (${node.state}).`);
    }
    if ((await devicesRepo.holdDevices(tx, devices.map((d) => d.uuid), op.id)) !== devices.length) {
      throw new CoreError('busy', `A device of node ${nodeUuid} is being moved by another operation.`);
    }
    await updateNode(tx, nodeUuid, { state: 'decomposing', updated_at: nowIso() });
    await this.journal.begin(tx, op);
    return op;
  }

  /**
   * The fabric is the source of truth: devices it shows in the node's group that sync has not
   * recorded yet are taken out too. A server gone from the fabric has no group left to empty.
   */
  private async addUnsyncedMembers(op: Operation, podm: PodManagerRow): Promise<void> {
    const driver = this.ctx.drivers.get(podm);
    const { plan } = op;
    plan.step = `read server ${plan.server}`;
    try {
      const server = await driver.server(plan.server);
      plan.group = server.hasOwnGroup ? server.groupId : null;
    } catch (err) {
      if (err instanceof FabricError && err.kind === 'not_found') return;
      throw err;
    }
    if (plan.group === null) return;
    plan.step = `list group ${plan.group}`;
    const known = new Set(plan.devices.map((d) => d.eemId));
    for (const id of await driver.groupMembers(plan.group)) {
      if (!known.has(id)) plan.devices.push({ uuid: null, eemId: id, version: '' });
    }
    await this.journal.progress(op);
  }
}

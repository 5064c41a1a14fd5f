import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { releaseDevices } from '../../store/devices.js';
import { updateNode } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import { CoreError, fabricFailure } from '../errors.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { observe, plannedLeave, recordFreed, takeOutOfGroup, type DeviceOutcome } from './fabric-moves.js';
import type { Operation } from './journal.js';
import { holdForOperation, nodeAndDevice, retryWhileHeld } from './reservation.js';
import { assertHasServer } from './states.js';
import { DeviceVerb } from './verb.js';

/**
 * Detach one device from a node: hold the node and the device (*this* node must own it: attached by
 * compose or attach, or adopted by manage), take the device out of the node's group as the fabric
 * shows it now, record it free. A device the fabric has in another group is not covalence's to move
 * any more: refused (409, saying where it is), left there, and reported by sync. On a failure
 * the device is left where the fabric has it now (read back and recorded), the node is unlocked and
 * the pod manager resynced in the background. A detach its process left unfinished is carried out
 * (`recover`): every step reads the fabric first, so running it again is safe.
 */
export class Detach extends DeviceVerb {
  async run(nodeUuid: string, deviceUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserve(tx, nodeUuid, deviceUuid));
    const podm = await podManagerRow(this.ctx, op.podmId);
    try {
      await this.carryOut(op, podm, true);
    } catch (err) {
      throw await this.stop(op, podm, fabricFailure(err, podm, `detach of device ${deviceUuid} from node ${nodeUuid} failed at step '${op.plan.step}'`));
    }
    await this.registrations.refresh(nodeUuid);
  }

  /** A detach its process left unfinished is carried out: every step reads the fabric first. */
  recover(op: Operation, podm: PodManagerRow): Promise<void> {
    return this.carryOut(op, podm, false);
  }

  /** `optimistic`: as it runs, not in recovery (fabric-moves.ts). */
  private async carryOut(op: Operation, podm: PodManagerRow, optimistic: boolean): Promise<void> {
    const outcomes = await takeOutOfGroup(this.journal.driver(op, podm), op.plan, { optimistic });
    const elsewhere = outcomes.find((o) => !o.free && o.groupId !== null);
    if (elsewhere) {
      // Not covalence's to move any more: refused, and left where it is for sync to report.
      throw new CoreError('conflict', `Device ${elsewhere.uuid ?? elsewhere.fabricId} is in group ${elsewhere.groupId} on the fabric, not in node ${op.nodeUuid}'s group ${op.plan.group}; covalence left it there.`);
    }
    await this.settle(op, outcomes, 'done');
    this.ctx.log.info({ node: op.nodeUuid, podm_id: podm.uuid, device: op.plan.devices[0]?.fabricId }, 'device detached');
  }

  /** A detach that failed leaves the device where the fabric has it now. */
  private async stop(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    const outcomes: DeviceOutcome[] = [];
    await observe(this.ctx.drivers.get(podm), op.plan, outcomes);
    await this.settle(op, outcomes, 'failed', failure instanceof Error ? failure.message : String(failure));
    this.sync.inBackground(podm.uuid);
    return failure;
  }

  private async settle(op: Operation, outcomes: DeviceOutcome[], state: 'done' | 'failed', error?: string): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      const at = nowIso();
      await recordFreed(tx, outcomes, at);
      await releaseDevices(tx, op.id);
      await updateNode(tx, op.nodeUuid, { held_by: null, updated_at: at });
      await this.journal.finish(tx, op, state, error);
    });
  }

  private async reserve(tx: Db, nodeUuid: string, deviceUuid: string): Promise<Operation> {
    const { node, device } = await nodeAndDevice(this.ctx, tx, nodeUuid, deviceUuid);
    assertHasServer(node);
    if (device.ownerNode !== node.uuid) {
      const where = device.serverId === null ? 'it is not attached to any node' : device.serverId === node.serverId ? 'it was attached outside covalence' : `it is attached to server ${device.serverId}`;
      throw new CoreError('conflict', `Device ${deviceUuid} is not attached to node ${nodeUuid}: ${where}.`);
    }
    if (device.heldBy !== null) throw new CoreError('busy', `Device ${deviceUuid} is being moved by another operation.`);
    const op: Operation = {
      id: this.journal.newId(), kind: 'detach', podmId: node.podmId, nodeUuid,
      plan: { serverId: node.serverId, group: node.groupId, returnGroup: false, step: 'reserve', devices: [plannedLeave(device)] },
    };
    await holdForOperation(tx, this.journal, op, node);
    return op;
  }
}

import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { devicesOfServer, releaseDevices } from '../../store/devices.js';
import { updateNode } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import { findServer } from '../../store/servers.js';
import { CoreError, fabricFailure } from '../errors.js';
import type { Device } from '../pool/devices.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { joinGroup, recordJoined } from './fabric-moves.js';
import { interruption, type Operation } from './journal.js';
import { holdForOperation, nodeAndDevice, retryWhileHeld } from './reservation.js';
import { assertHasServer } from './states.js';
import { undoJoin } from './undo-join.js';
import { DeviceVerb } from './verb.js';

/**
 * Attach one device to a node. The reservation takes the node's lock and the device's hold in one
 * transaction with every rule checked there (same pod manager, free and online, matching board
 * generation, room on the server), so no two requests can win the same device or overfill a server.
 * Then one fabric change (giving the server a group first if it has none), journalled. On a
 * failure, or for an attach its process left unfinished (`recover`), the device is taken back out
 * of the group where the fabric still shows it there (undo-join.ts), the node is unlocked, and the
 * pod manager is resynced in the background.
 */
export class Attach extends DeviceVerb {
  async run(nodeUuid: string, deviceUuid: string): Promise<void> {
    const op = await retryWhileHeld(this.ctx, (tx) => this.reserve(tx, nodeUuid, deviceUuid));
    if (!op) return; // already attached to this node
    const podm = await podManagerRow(this.ctx, op.podmId);
    const driver = this.journal.driver(op, podm);
    const { plan } = op;
    try {
      plan.step = `read server ${plan.serverId}`;
      const server = await driver.server(plan.serverId);
      if (plan.group !== null && server.groupId !== plan.group) {
        throw new CoreError('conflict', `Node ${nodeUuid}: its server ${plan.serverId} is in group ${server.groupId} on the fabric, not in the node's group ${plan.group} (moved outside covalence); nothing was attached.`);
      }
      const joined = await joinGroup(driver, this.journal, op, server);
      await this.ctx.store.transaction(async (tx) => {
        const at = nowIso();
        await recordJoined(tx, nodeUuid, plan.serverId, joined, at);
        await releaseDevices(tx, op.id);
        await updateNode(tx, nodeUuid, { held_by: null, group_id: plan.group, updated_at: at, ...(plan.returnGroup && { owned_group_id: plan.group }) });
        await this.journal.finish(tx, op, 'done');
      });
      this.ctx.log.info({ node: nodeUuid, podm_id: podm.uuid, device: plan.devices[0]!.fabricId }, 'device attached');
    } catch (err) {
      throw await this.undo(op, podm, fabricFailure(err, podm, `attach of device ${deviceUuid} to node ${nodeUuid} failed at step '${plan.step}'`));
    }
    await this.registrations.refresh(nodeUuid);
  }

  /** An attach its process left unfinished is undone, as a failed one is. */
  async recover(op: Operation, podm: PodManagerRow): Promise<void> {
    await this.undo(op, podm, interruption(op));
  }

  /**
   * Takes the device back out where the fabric still shows this attach's change, and unlocks the
   * node; then resyncs, so the sync reads the fabric as the undo left it. Returns the error to answer.
   */
  private async undo(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    const answer = await undoJoin(this.ctx, this.journal, op, podm, failure, (tx) => updateNode(tx, op.nodeUuid, { held_by: null, updated_at: nowIso() }));
    this.sync.inBackground(podm.uuid);
    return answer;
  }

  /** Checks every rule and takes the holds; null when the device is already on this node. */
  private async reserve(tx: Db, nodeUuid: string, deviceUuid: string): Promise<Operation | null> {
    const { node, device } = await nodeAndDevice(this.ctx, tx, nodeUuid, deviceUuid);
    assertHasServer(node);
    if (device.ownerNode === node.uuid && device.serverId === node.serverId && device.state === 'allocated') return null;
    if (device.heldBy !== null) throw new CoreError('busy', `Device ${deviceUuid} is being moved by another operation.`);
    if (device.state !== 'free') throw new CoreError('conflict', `Device ${deviceUuid} cannot be attached: ${whyNotFree(device)}.`);
    if (device.maintenance) {
      throw new CoreError('conflict', `Device ${deviceUuid} cannot be attached: it is in maintenance${device.maintenanceReason ? ` (${device.maintenanceReason})` : ''}; an admin clears the flag with PATCH /v1/devices/${deviceUuid} {"maintenance": false}.`);
    }
    const server = await findServer(tx, node.podmId, node.serverId);
    if (!server || server.removed_at !== null) throw new CoreError('conflict', `Node ${nodeUuid}: its server ${node.serverId} is no longer on the fabric.`);
    if (server.generation !== device.generation) {
      throw new CoreError('conflict', `Device ${deviceUuid} is a ${device.generation} board and node ${nodeUuid}'s server is ${server.generation}; ExpEther joins boards of one generation only.`);
    }
    const attached = (await devicesOfServer(tx, node.podmId, node.serverId)).length;
    if (attached >= server.max_devices) {
      throw new CoreError('conflict', `Node ${nodeUuid} is full: ${attached} of ${server.max_devices} devices attached.`);
    }
    const op: Operation = {
      id: this.journal.newId(), kind: 'attach', podmId: node.podmId, nodeUuid,
      plan: { serverId: node.serverId, group: node.groupId, returnGroup: false, step: 'reserve', devices: [{ uuid: device.uuid, fabricId: device.fabricId, version: device.version, join: { kind: 'planned' } }] },
    };
    await holdForOperation(tx, this.journal, op, node);
    return op;
  }
}

function whyNotFree(d: Device): string {
  switch (d.state) {
    case 'allocated':
      return d.serverId ? `it is attached to server ${d.serverId}` : `it is in group ${d.groupId}`;
    case 'offline':
      return 'it is offline (link down or disabled on the fabric)';
    case 'removed':
      return 'the fabric no longer reports it';
    case 'orphaned':
      return `it is left in group ${d.groupId}, which no server is in (an admin may release it)`;
    case 'free':
      return 'it is free';
  }
}

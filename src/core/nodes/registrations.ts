import { hardwareType, type ComposedNodeFacts, type Provisioner, type Registration, type RegisterSpec } from '../../provision/index.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { devicesOfServer } from '../../store/devices.js';
import { registrationDigest, updateNode } from '../../store/nodes.js';
import { record } from '../events/recorder.js';
import type { CoreContext } from '../context.js';
import { CoreError, provisionFailure } from '../errors.js';
import { toDevice } from '../pool/devices.js';
import { podManagerRow } from '../pool/pod-managers.js';
import type { Journal, Operation } from './journal.js';
import { readNode, type Node } from './node.js';
import { holdForOperation, nodeAtRest, retryWhileHeld } from './reservation.js';
import type { NodeVerb } from './verb.js';

export type { RegisterSpec, Registration };

/**
 * Handing composed nodes to Ironic and keeping it in step. Register and deregister hold the node
 * (journalled, so a process that dies releases it through recovery), which keeps a decompose from
 * running under a register. A repeat of the same register answers the existing registration; a
 * different one is refused until the node is deregistered.
 */
export class Registrations implements NodeVerb {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly provisioner: Provisioner | undefined,
    private readonly defaultDriver: string,
  ) {}

  async register(nodeUuid: string, spec: RegisterSpec): Promise<{ node: Node; registration: Registration }> {
    const provisioner = this.configured();
    // The request holds BMC passwords: only a keyed digest of it is kept (a key rotation makes a
    // repeat look different, answered 409 until the node is deregistered).
    const request = canonicalJson({ ...spec, driver: hardwareType(spec.driver, this.defaultDriver) });
    // A repeat is answered from Ironic under the node's hold too: if Ironic lost the node, the link
    // is cleared and the node registered afresh, with no decompose or other register in between.
    const { node, op } = await retryWhileHeld(this.ctx, async (tx) => {
      const node = await nodeAtRest(this.ctx, tx, nodeUuid);
      const digest = await registrationDigest(tx, nodeUuid);
      if (node.ironicUuid !== null && !(digest !== null && this.ctx.secrets.matches(request, digest))) {
        throw new CoreError('conflict', `Node ${nodeUuid} is already registered with Ironic as ${node.ironicUuid} with other parameters; deregister it first.`);
      }
      return { node, op: await this.hold(tx, node, 'register') };
    });
    let lost = false;
    try {
      if (node.ironicUuid !== null) {
        const existing = await this.describe(provisioner, node);
        if (existing) {
          await this.settle(op, { held_by: null }, 'done');
          return { node, registration: existing };
        }
        lost = true;
      }
      const registration = await provisioner.register(await this.facts(node), spec);
      const at = nowIso();
      await this.settle(op, { managed_by: 'ironic', ironic_uuid: registration.ironicUuid, registration_digest: this.ctx.secrets.mac(request), held_by: null, updated_at: at }, 'done');
      this.ctx.log.info({ node: nodeUuid, ironic: registration.ironicUuid }, 'node registered with Ironic');
      return { node: { ...node, managedBy: 'ironic', ironicUuid: registration.ironicUuid, heldBy: null, updatedAt: at }, registration };
    } catch (err) {
      // A link to a node Ironic lost is cleared even when registering afresh failed.
      await this.settle(op, { held_by: null, ...(lost && { managed_by: null, ironic_uuid: null, registration_digest: null }) }, 'failed', String(err));
      throw err instanceof CoreError ? err : provisionFailure(err, `registering node ${node.name}`);
    }
  }

  /** Removes the node from Ironic; a node that is not registered is left as it is. */
  async deregister(nodeUuid: string): Promise<Node> {
    const provisioner = this.configured();
    const held = await retryWhileHeld(this.ctx, async (tx) => {
      const node = await nodeAtRest(this.ctx, tx, nodeUuid);
      return { node, op: node.ironicUuid === null ? null : await this.hold(tx, node, 'deregister') };
    });
    if (held.op === null) return held.node;
    try {
      await this.removeFromIronic(provisioner, held.node);
    } catch (err) {
      await this.settle(held.op, { held_by: null }, 'failed', String(err));
      throw err;
    }
    const at = nowIso();
    await this.settle(held.op, { managed_by: null, ironic_uuid: null, registration_digest: null, held_by: null, updated_at: at }, 'done');
    return { ...held.node, managedBy: null, ironicUuid: null, heldBy: null, updatedAt: at };
  }

  /**
   * Called by decompose while it holds the node: a registered node leaves Ironic first, and stays
   * composed when Ironic will not let it go (deployed or busy).
   */
  async releaseForDecompose(nodeUuid: string): Promise<void> {
    const node = await readNode(this.ctx.store.db, nodeUuid);
    if (!node || node.ironicUuid === null) return;
    await this.removeFromIronic(this.configured(), node);
    await updateNode(this.ctx.store.db, nodeUuid, { managed_by: null, ironic_uuid: null, registration_digest: null, updated_at: nowIso() });
  }

  /** After attach or detach: Ironic's copy of the node's devices follows. A failure is logged, not fatal. */
  async refresh(nodeUuid: string): Promise<void> {
    const node = await readNode(this.ctx.store.db, nodeUuid);
    if (!node || node.ironicUuid === null || !this.provisioner) return;
    try {
      await this.provisioner.updateFacts(node.ironicUuid, await this.facts(node));
    } catch (err) {
      this.ctx.log.warn({ node: nodeUuid, ironic: node.ironicUuid, err: String(err) }, 'could not update the Ironic node after a device change');
    }
  }

  /** A register or deregister whose process died leaves nothing to undo but the node's lock. */
  async recover(op: Operation): Promise<void> {
    await this.settle(op, { held_by: null }, 'failed', `interrupted ${op.kind}`);
  }

  private async removeFromIronic(provisioner: Provisioner, node: Node): Promise<void> {
    try {
      await provisioner.deregister(node.ironicUuid!);
    } catch (err) {
      throw provisionFailure(err, `removing node ${node.name} (${node.ironicUuid})`);
    }
  }

  private async describe(provisioner: Provisioner, node: Node): Promise<Registration | null> {
    try {
      return await provisioner.describe(node.ironicUuid!);
    } catch (err) {
      throw provisionFailure(err, `reading node ${node.name} (${node.ironicUuid})`);
    }
  }

  private async facts(node: Node): Promise<ComposedNodeFacts> {
    const podm = await podManagerRow(this.ctx, node.podmId);
    const devices = (await devicesOfServer(this.ctx.store.db, node.podmId, node.serverId)).map(toDevice);
    return {
      uuid: node.uuid, name: node.name, podmId: podm.uuid, podmName: podm.name, index: node.serverId,
      devices: devices.map((d) => ({ uuid: d.uuid, type: d.type, vendorName: d.vendorName, deviceName: d.deviceName, resourceUri: `devices/${d.fabricId}` })),
    };
  }

  private async hold(tx: Db, node: Node, kind: 'register' | 'deregister'): Promise<Operation> {
    const op: Operation = {
      id: this.journal.newId(), kind, podmId: node.podmId, nodeUuid: node.uuid,
      plan: { serverId: node.serverId, group: null, returnGroup: false, devices: [], step: kind },
    };
    await holdForOperation(tx, this.journal, op, node);
    return op;
  }

  private async settle(op: Operation, patch: Parameters<typeof updateNode>[2], state: 'done' | 'failed', error?: string): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      await updateNode(tx, op.nodeUuid, { ...patch, updated_at: nowIso() });
      if (patch.ironic_uuid !== undefined) {
        const kind = patch.ironic_uuid === null ? 'node.deregistered' : 'node.registered';
        await record(tx, { kind, target: op.nodeUuid, nodeId: op.nodeUuid, podmId: op.podmId, after: { managed_by: patch.managed_by ?? null, ironic_uuid: patch.ironic_uuid } });
      }
      await this.journal.finish(tx, op, state, error);
    });
  }

  private configured(): Provisioner {
    if (!this.provisioner) throw new CoreError('provisioner_unavailable', 'Ironic is not configured: start covalence with --ironic-url (and --ironic-auth).');
    return this.provisioner;
  }
}

/** A register request as stable text: key order does not matter. */
function canonicalJson(spec: RegisterSpec): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return JSON.stringify(canonical(spec));
}

import { randomUUID } from 'node:crypto';
import type { DeviceType } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { unreserveBlocks, type ReservedFilter } from '../../store/composition-reservations.js';
import { releaseDevices, holdDevices } from '../../store/devices.js';
import type { Db } from '../../store/database.js';
import { deleteNode, insertNodeIfServerFree } from '../../store/nodes.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { NodeRow, PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure } from '../errors.js';
import type { FlavorProperties, Flavors } from '../pool/flavors.js';
import { podManagerRow } from '../pool/pod-managers.js';
import type { Sync } from '../pool/sync.js';
import { choose, chooseAndLock, chooseGiven, planOf, type BlockPick, type Choice, type ComposePlan } from './compose-plan.js';
import { assertEmptyGroup } from './empty-server.js';
import { joinGroup, recordJoined } from './fabric-moves.js';
import { interruption, type Journal, type Operation } from './journal.js';
import { toNode, type Node } from './node.js';
import { retryWhileHeld } from './reservation.js';
import { changeNodeState } from './states.js';
import { undoJoin } from './undo-join.js';
import type { NodeVerb } from './verb.js';

export interface ComposeRequest {
  name: string;
  description?: string;
  podmId?: string;
  flavorId?: string;
  properties?: FlavorProperties;
  /** The caller's project, which will own the node. */
  projectId: string;
  /** The server and devices to take (with `podmId`), instead of types: Redfish's specific composition. */
  blocks?: BlockPick;
  /** The composition reservation being applied: the blocks it holds may be taken, and are released. */
  reservationId?: string;
}

/**
 * Compose, all or nothing: (1) in one store transaction pick a server and the devices, create the
 * node row `composing` (the server's reservation, unique per server), hold the devices and journal
 * the intent; (2) drive the fabric: give the server a group if it has none, put each device in it,
 * passing the version covalence last saw so out-of-band changes are refused; (3) commit: the node
 * becomes `composed`. On a failure at any step (say the third device): undo every fabric change by
 * reading the fabric's current state (undo-join.ts), delete the node, release the devices, answer
 * which step failed and resync the pod manager in the background. If the undo itself fails, the
 * journal keeps the operation `stuck` with its holds, so nothing else takes the server, and
 * `recover` (the same undo) finishes it later.
 */
export class Compose implements NodeVerb {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly flavors: Flavors,
    private readonly sync: Sync,
  ) {}

  /**
   * What `reserve` would choose, as a function to run inside a transaction that holds what it
   * returns (a composition reservation): the flavor and pod managers are read first, outside it.
   */
  async chooser(req: ComposeRequest): Promise<(tx: Db) => Promise<Choice>> {
    const types = await this.wantedTypes(req);
    const podms = await this.podmsFor(req);
    return (tx) => this.pick(tx, req, podms, types, true);
  }

  /** `?dry_run=true`: the plan, with nothing changed. */
  async plan(req: ComposeRequest): Promise<ComposePlan> {
    return planOf(await this.pick(this.ctx.store.db, req, await this.podmsFor(req), await this.wantedTypes(req), false));
  }

  async run(req: ComposeRequest): Promise<Node> {
    const types = await this.wantedTypes(req);
    const podms = await this.podmsFor(req);
    const { op, podm, node } = await this.reserve(req, podms, types);
    const driver = this.journal.driver(op, podm);
    const { plan } = op;
    try {
      plan.step = `read server ${plan.serverId}`;
      const server = await driver.server(plan.serverId);
      if (!server.powerOn || !server.enabled || !server.linkUp) {
        throw new CoreError('conflict', `server ${plan.serverId} is ${!server.powerOn ? 'powered off' : 'disabled or unreachable'} on the fabric (changed since the last sync)`);
      }
      await assertEmptyGroup(driver, plan, server);
      // A node without devices gets no group yet; its first attach will give it one.
      const joined = await joinGroup(driver, this.journal, op, server);
      return await this.ctx.store.transaction(async (tx) => {
        const at = nowIso();
        await recordJoined(tx, node.uuid, plan.serverId, joined, at);
        await releaseDevices(tx, op.id);
        const done = { held_by: null, owned_group_id: plan.returnGroup ? plan.group : null, group_id: plan.group, updated_at: at };
        await changeNodeState(tx, node.uuid, 'composing', 'composed', done);
        await this.journal.finish(tx, op, 'done');
        this.ctx.log.info({ node: node.uuid, podm_id: op.podmId, server: plan.serverId, devices: plan.devices.length }, 'node composed');
        return toNode({ ...node, ...done, state: 'composed' });
      });
    } catch (err) {
      const failure = fabricFailure(err, podm, `compose of node ${req.name} failed at step '${plan.step}'`);
      throw await this.undo(op, podm, failure);
    }
  }

  /** A compose its process left unfinished is undone, as a failed one is. */
  async recover(op: Operation, podm: PodManagerRow): Promise<void> {
    await this.undo(op, podm, interruption(op));
  }

  /** Takes back what reached the fabric and forgets the node; returns the error to answer. */
  private async undo(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    const answer = await undoJoin(this.ctx, this.journal, op, podm, failure, (tx) => deleteNode(tx, op.nodeUuid));
    this.sync.inBackground(podm.uuid);
    return answer;
  }

  private async reserve(req: ComposeRequest, podms: PodManagerRow[], types: DeviceType[]) {
    return retryWhileHeld(this.ctx, async (tx) => {
      const chosen = await this.pick(tx, req, podms, types, true);
      const at = nowIso();
      const opId = this.journal.newId();
      const node: NodeRow = {
        uuid: randomUUID(), name: req.name, description: req.description ?? '', podm_id: chosen.podm.uuid,
        node_index: chosen.serverId, state: 'composing', state_reason: null, owned_group_id: null, group_id: null, flavor_id: req.flavorId ?? null,
        managed_by: null, ironic_uuid: null, registration_digest: null, project_id: req.projectId, held_by: opId, created_at: at, updated_at: at,
      };
      const op: Operation = {
        id: opId, kind: 'compose', podmId: chosen.podm.uuid, nodeUuid: node.uuid,
        plan: {
          serverId: chosen.serverId, group: null, returnGroup: false, step: 'reserve',
          devices: chosen.devices.map((d) => ({ uuid: d.uuid, fabricId: d.fabricId, version: d.version, join: { kind: 'planned' } })),
        },
      };
      // Both writes are conditional; on a backend with concurrent writers, losing a race here
      // aborts the transaction instead of sharing a server or a device.
      if (!(await insertNodeIfServerFree(tx, node))) throw new CoreError('busy', `server ${chosen.serverId} was just taken by another request`);
      if ((await holdDevices(tx, chosen.devices.map((d) => d.uuid), op.id)) !== chosen.devices.length) {
        throw new CoreError('busy', 'a chosen device was just taken by another request');
      }
      if (req.reservationId !== undefined) {
        await unreserveBlocks(tx, req.reservationId, chosen.podm.uuid, [chosen.serverId, ...chosen.devices.map((d) => d.fabricId)]);
      }
      await this.journal.begin(tx, op);
      return { op, podm: chosen.podm, node };
    });
  }

  /** The named blocks, or a server and devices of the wanted types; none that another reservation holds. */
  private pick(db: Db, req: ComposeRequest, podms: PodManagerRow[], types: DeviceType[], lock: boolean) {
    const reserved: ReservedFilter = { now: nowIso(), ...(req.reservationId !== undefined && { except: req.reservationId }) };
    if (req.blocks !== undefined) {
      if (podms.length !== 1) throw new CoreError('invalid', 'Composing named blocks needs the pod manager they are in.');
      return chooseGiven(this.ctx, db, podms[0]!, req.blocks, reserved);
    }
    return lock ? chooseAndLock(this.ctx, db, podms, types, reserved) : choose(db, podms, types, reserved);
  }

  private async wantedTypes(req: ComposeRequest): Promise<DeviceType[]> {
    const properties = req.flavorId !== undefined ? (await this.flavors.get(req.flavorId)).properties : req.properties;
    return properties?.pci_device?.type ?? [];
  }

  private async podmsFor(req: ComposeRequest): Promise<PodManagerRow[]> {
    if (req.podmId !== undefined) return [await podManagerRow(this.ctx, req.podmId)];
    const all = await listPodManagers(this.ctx.store.db);
    if (all.length === 0) throw new CoreError('not_found', 'Node not available: no pod manager is registered.', '40400');
    return all.filter((p) => p.status === 'Online').concat(all.filter((p) => p.status !== 'Online'));
  }
}

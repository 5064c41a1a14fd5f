import { randomUUID } from 'node:crypto';
import type { DeviceType } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import * as devicesRepo from '../../store/devices.js';
import { deleteNode, insertNodeIfServerFree, updateNode } from '../../store/nodes.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { RowLock } from '../../store/row-locks.js';
import type { DeviceRow, NodeRow, PodManagerRow } from '../../store/schema.js';
import { composeCandidates, type ServerCandidate } from '../../store/servers.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure } from '../errors.js';
import type { FlavorProperties, Flavors } from '../pool/flavors.js';
import { joinGroup, recordJoined } from './fabric-moves.js';
import { reservationLock, retryWhileHeld } from './reservation.js';
import type { Journal, Operation } from './journal.js';
import { podManagerRow } from '../pool/pod-managers.js';
import { undoJoin } from './undo.js';

export interface ComposeRequest {
  name: string;
  description?: string;
  podmId?: string;
  flavorId?: string;
  properties?: FlavorProperties;
  /** The caller's project, which will own the node. */
  projectId: string;
}

/** What compose would take (and, after a real compose, took). */
export interface ComposePlan {
  podm: PodManagerRow;
  server: ServerCandidate;
  devices: DeviceRow[];
}

/** Servers are tried in this order of board generation; devices must match their server's. */
const GENERATIONS = ['40g', '10g', '1g'] as const;

/**
 * Compose, all or nothing: (1) in one store transaction pick a server and the devices, create the
 * node row (the server's reservation, unique per server) and hold the devices, and journal the
 * intent; (2) drive the fabric: give the server a group if it has none, put each device in it,
 * passing the version covalence last saw so out-of-band changes are refused; (3) commit the result.
 * On any failure, undo every fabric change by reading the fabric's current state, release the
 * reservation and say which step failed. If the undo itself fails, the journal keeps the operation
 * `stuck` and recovery finishes it; the reservation stays so that nothing else takes the server.
 */
export class Compose {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly flavors: Flavors,
    private readonly afterFailure: (podmId: string) => void,
  ) {}

  /** `?dry_run=true`: the plan, with nothing changed. */
  async plan(req: ComposeRequest): Promise<ComposePlan> {
    const types = await this.wantedTypes(req);
    const podms = await this.podmsFor(req);
    return choose(this.ctx.store.db, podms, types);
  }

  async run(req: ComposeRequest): Promise<NodeRow> {
    const types = await this.wantedTypes(req);
    const podms = await this.podmsFor(req);
    const nodeUuid = randomUUID();
    const { op, chosen, node } = await this.reserve(req, podms, types, nodeUuid);
    const driver = this.ctx.drivers.get(chosen.podm);
    const { plan } = op;
    try {
      plan.step = `read server ${plan.server}`;
      const server = await driver.server(plan.server);
      if (!server.powerOn || !server.enabled || !server.linkUp) {
        throw new CoreError('conflict', `server ${plan.server} is ${!server.powerOn ? 'powered off' : 'disabled or unreachable'} on the fabric (changed since the last sync)`);
      }
      // A node without devices gets no group yet; its first attach will give it one.
      const joined = await joinGroup(driver, this.journal, op, server);
      return await this.ctx.store.transaction(async (tx) => {
        const at = nowIso();
        await recordJoined(tx, plan.server, joined, at);
        await devicesRepo.releaseDevices(tx, op.id);
        const done = { state: 'composed' as const, held_by: null, owned_group_id: plan.returnGroup ? plan.group : null, updated_at: at };
        await updateNode(tx, nodeUuid, done);
        await this.journal.finish(tx, op, 'done');
        this.ctx.log.info({ node: nodeUuid, podm_id: op.podmId, server: plan.server, devices: plan.devices.length }, 'node composed');
        return { ...node, ...done };
      });
    } catch (err) {
      const failure = fabricFailure(err, chosen.podm, `compose of node ${req.name} failed at step '${plan.step}'`);
      throw await this.undo(op, chosen.podm, failure);
    }
  }

  /** Undoes a compose that failed or whose process died; returns the error to answer. */
  async undo(op: Operation, podm: PodManagerRow, failure: unknown): Promise<unknown> {
    const answer = await undoJoin(this.ctx, this.journal, op, podm, failure, (tx) => deleteNode(tx, op.nodeUuid));
    this.afterFailure(podm.uuid);
    return answer;
  }

  private async reserve(req: ComposeRequest, podms: PodManagerRow[], types: DeviceType[], nodeUuid: string) {
    return retryWhileHeld(this.ctx, async (tx) => {
      const chosen = await chooseAndLock(this.ctx, tx, podms, types);
      const at = nowIso();
      const node: NodeRow = {
        uuid: nodeUuid, name: req.name, description: req.description ?? '', podm_id: chosen.podm.uuid,
        node_index: chosen.server.eem_id, state: 'composing', owned_group_id: null, flavor_id: req.flavorId ?? null,
        managed_by: null, ironic_uuid: null, registration_digest: null, project_id: req.projectId, held_by: null, created_at: at, updated_at: at,
      };
      const op: Operation = {
        id: this.journal.newId(), kind: 'compose', podmId: chosen.podm.uuid, nodeUuid,
        plan: {
          server: chosen.server.eem_id, group: null, returnGroup: false, step: 'reserve',
          devices: chosen.devices.map((d) => ({ uuid: d.uuid, eemId: d.eem_id, version: d.fabric_version })),
        },
      };
      node.held_by = op.id;
      // Both writes are conditional; on a backend with concurrent writers, losing a race here
      // aborts the transaction instead of sharing a server or a device.
      if (!(await insertNodeIfServerFree(tx, node))) throw new CoreError('busy', `server ${chosen.server.eem_id} was just taken by another request`);
      if ((await devicesRepo.holdDevices(tx, chosen.devices.map((d) => d.uuid), op.id)) !== chosen.devices.length) {
        throw new CoreError('busy', 'a chosen device was just taken by another request');
      }
      await this.journal.begin(tx, op);
      return { op, chosen, node };
    });
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

/**
 * `choose`, locking the server and devices it picks where other replicas reserve at the same time:
 * rows another reservation has locked are skipped, so concurrent composes take different servers.
 * A shortage seen that way is real only if a plain read agrees; otherwise the rows it lacks are
 * being reserved by others, which commit or let go in a moment: busy, and the caller tries again.
 */
async function chooseAndLock(ctx: CoreContext, tx: Db, podms: PodManagerRow[], types: DeviceType[]): Promise<ComposePlan> {
  const lock = reservationLock(ctx, 'skip');
  try {
    return await choose(tx, podms, types, lock);
  } catch (err) {
    if (lock === undefined || !(err instanceof CoreError && err.kind === 'not_found')) throw err;
    await choose(tx, podms, types);
    throw new CoreError('busy', 'the servers or devices that fit are being reserved by other requests');
  }
}

/** The first pod manager, generation and server that can take every requested device. */
async function choose(db: Db, podms: PodManagerRow[], types: DeviceType[], lock?: RowLock): Promise<ComposePlan> {
  const count = new Map<DeviceType, number>();
  for (const t of types) count.set(t, (count.get(t) ?? 0) + 1);
  const reasons: string[] = [];
  let deviceShortage = false;
  for (const podm of podms) {
    let anyServer = false;
    for (const generation of GENERATIONS) {
      const [server] = await composeCandidates(db, podm.uuid, generation, types.length, 1, lock);
      if (!server) continue;
      anyServer = true;
      const devices: DeviceRow[] = [];
      const missing: string[] = [];
      for (const [type, n] of count) {
        const free = await devicesRepo.freeDevices(db, podm.uuid, type, generation, n, lock);
        if (free.length < n) missing.push(`${n} ${type} requested, ${free.length} free`);
        devices.push(...free);
      }
      if (missing.length === 0) return { podm, server, devices };
      deviceShortage = true;
      reasons.push(`pod manager ${podm.name}: ${missing.join(', ')} on ${generation} boards`);
    }
    if (!anyServer) {
      reasons.push(`pod manager ${podm.name}: no free server (powered on, enabled, not a node yet) with room for ${types.length} device(s)`);
    }
  }
  const head = deviceShortage ? 'Requested device not available' : 'Node not available';
  return Promise.reject(new CoreError('not_found', `${head}: ${reasons.join('; ')}.`, '40400'));
}

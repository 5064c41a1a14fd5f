import { randomUUID } from 'node:crypto';
import type { FabricServer } from '../../drivers/index.js';
import { nowIso } from '../../shared/time.js';
import { isUniqueViolation } from '../../store/database.js';
import { adoptDevices, devicesOfServer } from '../../store/devices.js';
import * as repo from '../../store/nodes.js';
import type { NodeRow } from '../../store/schema.js';
import { canSee, projectScope, type Caller } from '../access/caller.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { toDevice, type Device } from '../pool/devices.js';
import type { PodManagers } from '../pool/pod-managers.js';
import type { Sync } from '../pool/sync.js';
import type { Attach } from './attach.js';
import type { Compose, ComposeRequest } from './compose.js';
import type { ComposePlan } from './compose-plan.js';
import type { Decompose } from './decompose.js';
import type { Detach } from './detach.js';
import { record } from '../events/recorder.js';
import { readNode, toNode, type Node } from './node.js';
import type { Registrations, RegisterSpec, Registration } from './registrations.js';
import { reshape, type Reshape } from './reshape.js';

export type { ComposePlan, ComposeRequest, Node };

/** A node with its server as the fabric shows it now, and its devices as the store knows them. */
export interface NodeDetail {
  node: Node;
  /** Null when the fabric could not be read; `fabricError` says why. */
  server: FabricServer | null;
  fabricError: string | null;
  devices: Device[];
}

export type NodeAction =
  | { attach: { resource_id: string } }
  | { detach: { resource_id: string } }
  | { Reset: { Type: string } }
  | { Boot: { Enabled: string; Target: string } };

/** The node verbs the node service hands requests to. */
export interface NodeVerbs {
  readonly compose: Compose;
  readonly attach: Attach;
  readonly detach: Detach;
  readonly decompose: Decompose;
  readonly registrations: Registrations;
}

/**
 * Composed nodes: the entry point for everything an operator does with one. A node belongs to the
 * project that composed or managed it; a caller of another project (not an admin) is told it does
 * not exist, so that its existence does not leak.
 */
export class Nodes {
  constructor(
    private readonly ctx: CoreContext,
    private readonly podManagers: PodManagers,
    private readonly verbs: NodeVerbs,
    /** Manage syncs the pod manager first, so that it adopts what the fabric shows now. */
    private readonly sync: Sync,
  ) {}

  /** Anyone but an admin sees their own project's nodes only, whatever project the filter names. */
  async list(filter: repo.NodeFilter, caller: Caller): Promise<Node[]> {
    const scope = projectScope(caller);
    if (scope !== undefined && filter.project_id !== undefined && filter.project_id !== scope) return [];
    return (await repo.listNodes(this.ctx.store.db, { ...filter, project_id: scope ?? filter.project_id })).map(toNode);
  }

  async get(uuid: string, caller: Caller): Promise<Node> {
    const node = await readNode(this.ctx.store.db, uuid);
    if (!node || !canSee(caller, node)) throw notFound(`Composed node '${uuid}'`);
    return node;
  }

  /** The stored node merged with its live server; a fabric outage degrades to the stored part. */
  async detail(uuid: string, caller: Caller): Promise<NodeDetail> {
    const node = await this.get(uuid, caller);
    const podm = await this.podManagers.row(node.podmId);
    const devices = (await devicesOfServer(this.ctx.store.db, node.podmId, node.serverId)).map(toDevice);
    try {
      return { node, server: await this.ctx.drivers.get(podm).server(node.serverId), fabricError: null, devices };
    } catch (err) {
      const failure = fabricFailure(err, podm, `reading server ${node.serverId}`);
      return { node, server: null, fabricError: failure instanceof Error ? failure.message : String(failure), devices };
    }
  }

  compose(req: ComposeRequest): Promise<Node> {
    return this.counted('compose', this.verbs.compose.run(req));
  }

  planCompose(req: ComposeRequest): Promise<ComposePlan> {
    return this.verbs.compose.plan(req);
  }

  /**
   * Adopts a server that exists on the fabric, with the devices its group has now: the pod manager
   * is synced first, so the store lists them, and the new node owns them.
   */
  async manage(podmId: string, serverId: string, projectId: string): Promise<Node> {
    const podm = await this.podManagers.row(podmId);
    await this.sync.one(podmId);
    let server: FabricServer;
    try {
      server = await this.ctx.drivers.get(podm).server(serverId);
    } catch (err) {
      throw fabricFailure(err, podm, `reading server ${serverId}`);
    }
    const at = nowIso();
    const node: NodeRow = {
      uuid: randomUUID(), name: serverId, description: '', podm_id: podmId, node_index: serverId, state: 'composed', state_reason: null,
      owned_group_id: null, group_id: server.hasOwnGroup ? server.groupId : null, flavor_id: null, managed_by: null, ironic_uuid: null,
      registration_digest: null, project_id: projectId, held_by: null, created_at: at, updated_at: at,
    };
    try {
      await this.ctx.store.transaction(async (tx) => {
        if (!(await repo.insertNodeIfServerFree(tx, node))) throw alreadyManaged(serverId);
        await adoptDevices(tx, podmId, serverId, node.uuid);
        await record(tx, { kind: 'node.managed', target: node.uuid, nodeId: node.uuid, podmId, projectId, after: { state: 'composed', index: serverId } });
      });
    } catch (err) {
      throw isUniqueViolation(err) ? alreadyManaged(serverId) : err;
    }
    this.ctx.log.info({ node: node.uuid, podm_id: podmId, server: serverId }, 'node managed');
    return toNode(node);
  }

  // The owner is set once, at creation: checking it before the operation takes the node is enough.
  async action(uuid: string, action: NodeAction, caller: Caller): Promise<void> {
    await this.get(uuid, caller);
    if ('attach' in action) return this.counted('attach', this.verbs.attach.run(uuid, action.attach.resource_id));
    if ('detach' in action) return this.counted('detach', this.verbs.detach.run(uuid, action.detach.resource_id));
    const name = 'Reset' in action ? 'Reset' : 'Boot';
    throw new CoreError('unsupported', `Unsupported action: ${name}. The expether driver cannot ${name === 'Reset' ? 'reset' : 'set the boot source of'} a node; use the server's own BMC.`);
  }

  /** Several detaches and attaches as one change: all of them, or the node as it was (reshape.ts). */
  async reshape(uuid: string, change: Reshape, caller: Caller): Promise<void> {
    await this.get(uuid, caller);
    return reshape(change, (step) => this.action(uuid, step, caller));
  }

  async decompose(uuid: string, caller: Caller): Promise<void> {
    await this.get(uuid, caller);
    return this.counted('decompose', this.verbs.decompose.run(uuid));
  }

  async register(uuid: string, spec: RegisterSpec, caller: Caller): Promise<{ node: Node; registration: Registration }> {
    await this.get(uuid, caller);
    return this.counted('register', this.verbs.registrations.register(uuid, spec));
  }

  async deregister(uuid: string, caller: Caller): Promise<Node> {
    await this.get(uuid, caller);
    return this.counted('deregister', this.verbs.registrations.deregister(uuid));
  }

  /** Counts each outcome: `success`, or the kind of error. */
  private async counted<T>(operation: string, work: Promise<T>): Promise<T> {
    try {
      const value = await work;
      this.ctx.metrics.nodeOperations.inc({ operation, outcome: 'success' });
      return value;
    } catch (err) {
      this.ctx.metrics.nodeOperations.inc({ operation, outcome: err instanceof CoreError ? err.kind : 'error' });
      throw err;
    }
  }
}

function alreadyManaged(serverId: string): CoreError {
  return new CoreError('conflict', `Node '${serverId}' already managed by covalence.`);
}

import { randomUUID } from 'node:crypto';
import type { FabricServer } from '../../drivers/index.js';
import { nowIso } from '../../shared/time.js';
import { isUniqueViolation } from '../../store/database.js';
import { devicesOfServer } from '../../store/devices.js';
import * as repo from '../../store/nodes.js';
import type { DeviceRow, NodeRow } from '../../store/schema.js';
import type { Attachment } from './attach.js';
import { canSee, projectScope, type Caller } from '../access/caller.js';
import type { Compose, ComposePlan, ComposeRequest } from './compose.js';
import type { CoreContext } from '../context.js';
import type { Decompose } from './decompose.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import type { PodManagers } from '../pool/pod-managers.js';
import type { Registrations, RegisterSpec, Registration } from './registrations.js';

export type Node = NodeRow;
export type { ComposePlan, ComposeRequest };

/** A node with its server as the fabric shows it now, and its devices as the store knows them. */
export interface NodeDetail {
  node: Node;
  /** Null when the fabric could not be read; `fabricError` says why. */
  server: FabricServer | null;
  fabricError: string | null;
  devices: DeviceRow[];
}

export type NodeAction =
  | { attach: { resource_id: string } }
  | { detach: { resource_id: string } }
  | { Reset: { Type: string } }
  | { Boot: { Enabled: string; Target: string } };

/**
 * Composed nodes: the entry point for everything an operator does with one. A node belongs to the
 * project that composed or managed it; a caller of another project (not an admin) is told it does
 * not exist, so that its existence does not leak.
 */
export class Nodes {
  constructor(
    private readonly ctx: CoreContext,
    private readonly podManagers: PodManagers,
    private readonly composer: Compose,
    private readonly attachment: Attachment,
    private readonly decomposer: Decompose,
    private readonly registrations: Registrations,
  ) {}

  /** Anyone but an admin sees their own project's nodes only, whatever project the filter names. */
  async list(filter: repo.NodeFilter, caller: Caller): Promise<Node[]> {
    const scope = projectScope(caller);
    if (scope !== undefined && filter.project_id !== undefined && filter.project_id !== scope) return [];
    return repo.listNodes(this.ctx.store.db, { ...filter, project_id: scope ?? filter.project_id });
  }

  async get(uuid: string, caller: Caller): Promise<Node> {
    const node = await repo.findNode(this.ctx.store.db, uuid);
    if (!node || !canSee(caller, node)) throw notFound(`Composed node '${uuid}'`);
    return node;
  }

  /** The stored node merged with its live server; a fabric outage degrades to the stored part. */
  async detail(uuid: string, caller: Caller): Promise<NodeDetail> {
    const node = await this.get(uuid, caller);
    const podm = await this.podManagers.row(node.podm_id);
    const devices = await devicesOfServer(this.ctx.store.db, node.podm_id, node.node_index);
    try {
      return { node, server: await this.ctx.drivers.get(podm).server(node.node_index), fabricError: null, devices };
    } catch (err) {
      const failure = fabricFailure(err, podm, `reading server ${node.node_index}`);
      return { node, server: null, fabricError: failure instanceof Error ? failure.message : String(failure), devices };
    }
  }

  compose(req: ComposeRequest): Promise<Node> {
    return this.counted('compose', this.composer.run(req));
  }

  planCompose(req: ComposeRequest): Promise<ComposePlan> {
    return this.composer.plan(req);
  }

  /** Adopts a server that exists on the fabric, with whatever devices it already has. */
  async manage(podmId: string, index: string, projectId: string): Promise<Node> {
    const podm = await this.podManagers.row(podmId);
    try {
      await this.ctx.drivers.get(podm).server(index);
    } catch (err) {
      throw fabricFailure(err, podm, `reading server ${index}`);
    }
    const at = nowIso();
    const node: Node = {
      uuid: randomUUID(), name: index, description: '', podm_id: podmId, node_index: index, state: 'composed',
      owned_group_id: null, flavor_id: null, managed_by: null, ironic_uuid: null, registration_digest: null, project_id: projectId,
      held_by: null, created_at: at, updated_at: at,
    };
    try {
      if (!(await repo.insertNodeIfServerFree(this.ctx.store.db, node))) throw new CoreError('conflict', `Node '${index}' already managed by covalence.`);
    } catch (err) {
      throw isUniqueViolation(err) ? new CoreError('conflict', `Node '${index}' already managed by covalence.`) : err;
    }
    this.ctx.log.info({ node: node.uuid, podm_id: podmId, server: index }, 'node managed');
    return node;
  }

  // The owner is set once, at creation: checking it before the operation takes the node is enough.
  async action(uuid: string, action: NodeAction, caller: Caller): Promise<void> {
    await this.get(uuid, caller);
    if ('attach' in action) return this.counted('attach', this.attachment.attach(uuid, action.attach.resource_id));
    if ('detach' in action) return this.counted('detach', this.attachment.detach(uuid, action.detach.resource_id));
    const name = 'Reset' in action ? 'Reset' : 'Boot';
    throw new CoreError('unsupported', `Unsupported action: ${name}. The expether driver cannot ${name === 'Reset' ? 'reset' : 'set the boot source of'} a node; use the server's own BMC.`);
  }

  async decompose(uuid: string, caller: Caller): Promise<void> {
    await this.get(uuid, caller);
    return this.counted('decompose', this.decomposer.run(uuid));
  }

  async register(uuid: string, spec: RegisterSpec, caller: Caller): Promise<{ node: Node; registration: Registration }> {
    await this.get(uuid, caller);
    return this.counted('register', this.registrations.register(uuid, spec));
  }

  async deregister(uuid: string, caller: Caller): Promise<Node> {
    await this.get(uuid, caller);
    return this.counted('deregister', this.registrations.deregister(uuid));
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

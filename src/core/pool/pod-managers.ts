import { randomUUID } from 'node:crypto';
import type { DriverName, PodManagerStatus } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { isUniqueViolation, type Db } from '../../store/database.js';
import * as repo from '../../store/pod-managers.js';
import { countNodesOfPodManager, listNodes } from '../../store/nodes.js';
import { liveOperationsOf } from '../../store/operations.js';
import type { PodManagerRow } from '../../store/schema.js';
import { FabricError, type FabricInventory, type PodManagerDriver } from '../../drivers/index.js';
import type { CoreContext } from '../context.js';
import type { Decompose } from '../nodes/decompose.js';
import type { Sync } from './sync.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { diff, record } from '../events/recorder.js';
import { refuseAnotherEem, refuseCoveredElsewhere } from './eem-identity.js';
import { checkEemUrl } from './eem-url.js';

/** A pod manager as core hands it out: the sealed password never leaves core. */
export interface PodManager {
  readonly uuid: string;
  readonly name: string;
  readonly url: string;
  readonly driver: DriverName;
  readonly username: string;
  /** TLS verification towards this EEM is off (an explicit opt-out). */
  readonly insecure: boolean;
  readonly status: PodManagerStatus;
  readonly statusDetail: string | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly lastSyncAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PodManagerInput {
  name: string;
  url: string;
  driver: DriverName;
  username: string;
  password: string;
  description?: string;
  location?: string;
  /** Skip TLS verification towards this EEM (an explicit opt-out). */
  insecure?: boolean;
}

export interface PodManagerChanges {
  name?: string;
  /** A new address of the same EEM (same boards); another EEM there is refused. */
  url?: string;
  description?: string;
  location?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
}

export class PodManagers {
  constructor(
    private readonly ctx: CoreContext,
    /** Delete with ?force=true decomposes the pod manager's nodes first. */
    private readonly decompose: Decompose,
    /** A new pod manager is synced at once. */
    private readonly sync: Sync,
  ) {}

  async list(name?: string): Promise<PodManager[]> {
    return (await repo.listPodManagers(this.ctx.store.db, name)).map(toPodManager);
  }

  async get(uuid: string): Promise<PodManager> {
    return toPodManager(await this.row(uuid));
  }

  /**
   * When each pod manager was last synced, as one string: what its answers depend on beside the pool
   * revision, which writing only that time does not advance (a sync that changed nothing).
   */
  async syncTimes(): Promise<string> {
    return (await repo.lastSyncTimes(this.ctx.store.reads)).map((p) => `${p.uuid} ${p.last_sync_at}`).join(',');
  }

  row(uuid: string): Promise<PodManagerRow> {
    return podManagerRow(this.ctx, uuid);
  }

  /**
   * Checks the EEM first; nothing is written unless it answers, accepts the credentials and lists
   * no board another pod manager already covers.
   */
  async create(input: PodManagerInput): Promise<PodManager> {
    checkEemUrl(input.url);
    await this.refuseClash({ name: input.name, url: input.url });
    const insecure = input.insecure === true ? (1 as const) : (0 as const);
    const listing = await this.reach({ ...input, insecure }, input.password, readListing);
    const now = nowIso();
    const row = {
      uuid: randomUUID(),
      name: input.name,
      url: input.url,
      driver: input.driver,
      username: input.username,
      password_sealed: this.ctx.secrets.seal(input.password),
      insecure,
      status: 'Online' as const,
      status_detail: null,
      description: input.description ?? null,
      location: input.location ?? null,
      last_sync_at: null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.ctx.store.transaction(async (tx) => {
        await refuseCoveredElsewhere(tx, row.url, listing);
        await repo.insertPodManager(tx, row);
        await record(tx, { kind: 'pod_manager.created', target: row.uuid, podmId: row.uuid, after: { name: row.name, url: row.url, status: row.status } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw clash(input.name, input.url);
      throw err;
    }
    this.ctx.log.info({ podm_id: row.uuid, url: row.url }, 'pod manager created');
    await this.sync.first(row.uuid, listing);
    return this.get(row.uuid);
  }

  async update(uuid: string, changes: PodManagerChanges): Promise<PodManager> {
    const current = await this.row(uuid);
    const rename = changes.name !== undefined && changes.name !== current.name ? changes.name : undefined;
    const repoint = changes.url !== undefined && changes.url !== current.url ? changes.url : undefined;
    if (repoint !== undefined) checkEemUrl(repoint);
    if (rename !== undefined || repoint !== undefined) await this.refuseClash({ name: rename, url: repoint }, uuid);
    const insecure = changes.insecure === undefined ? current.insecure : changes.insecure ? (1 as const) : (0 as const);
    // New credentials, a new address, or a change in how the EEM's certificate is checked, are tried before they are kept.
    const credentialsChange = changes.username !== undefined || changes.password !== undefined || insecure !== current.insecure;
    const password = changes.password ?? this.ctx.secrets.open(current.password_sealed);
    const target = { ...current, url: repoint ?? current.url, username: changes.username ?? current.username, insecure };
    if (repoint !== undefined) {
      const listing = await this.reach(target, password, readListing);
      refuseAnotherEem(current, repoint, new Set(await repo.boardsOfPodManager(this.ctx.store.db, uuid)), listing);
      await refuseCoveredElsewhere(this.ctx.store.db, repoint, listing, uuid);
    } else if (credentialsChange) {
      await this.reach(target, password, (driver) => driver.probe());
    }
    const reached = credentialsChange || repoint !== undefined;
    try {
      const told = {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(repoint !== undefined && { url: repoint }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.location !== undefined && { location: changes.location }),
        ...(changes.username !== undefined && { username: changes.username }),
        insecure,
        ...(reached && { status: 'Online' as const, status_detail: null }),
      };
      await this.ctx.store.transaction(async (tx) => {
        await repo.updatePodManager(tx, uuid, { ...told, ...(credentialsChange && { password_sealed: this.ctx.secrets.seal(password) }), updated_at: nowIso() });
        const change = diff(current, told);
        if (change) await record(tx, { kind: 'pod_manager.updated', target: uuid, podmId: uuid, ...change });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw clash(rename, repoint);
      throw err;
    }
    return this.get(uuid);
  }

  /**
   * `refuse-if-nodes` while composed nodes remain; `decompose-nodes` decomposes them first;
   * `forget` drops everything covalence knew under the pod manager without calling its EEM (gone
   * for good), leaving the fabric as it is. The rows go in one transaction either way.
   */
  async delete(uuid: string, how: PodManagerRemoval): Promise<void> {
    const podm = await this.row(uuid);
    if (how === 'forget') {
      await this.ctx.store.transaction(async (tx) => {
        await refuseLiveOperations(tx, podm);
        await repo.forgetPodManager(tx, uuid);
        await record(tx, { kind: 'pod_manager.deleted', target: uuid, podmId: uuid, before: { name: podm.name, url: podm.url }, after: { forgotten: true } });
      });
      this.ctx.log.warn({ podm_id: uuid, url: podm.url }, 'pod manager forgotten, with its nodes and pool; its EEM was not called');
    } else {
      const nodes = await countNodesOfPodManager(this.ctx.store.db, uuid);
      if (nodes > 0 && how === 'refuse-if-nodes') throw nodesRemain(podm, nodes, 'decompose them first or delete with ?force=true');
      for (const node of await listNodes(this.ctx.store.db, { podm_id: uuid })) await this.decompose.run(node.uuid);
      await this.ctx.store.transaction(async (tx) => {
        // A compose may have started meanwhile: its node would outlive its pod manager.
        const left = await countNodesOfPodManager(tx, uuid);
        if (left > 0) throw nodesRemain(podm, left, 'a node was composed meanwhile; try again');
        await repo.deletePodManager(tx, uuid);
        await record(tx, { kind: 'pod_manager.deleted', target: uuid, podmId: uuid, before: { name: podm.name, url: podm.url } });
      });
      this.ctx.log.info({ podm_id: uuid }, 'pod manager deleted');
    }
    this.ctx.drivers.evict(uuid);
  }

  private async refuseClash(wanted: { name?: string | undefined; url?: string | undefined }, except?: string): Promise<void> {
    const clashes = await repo.findPodManagerClashes(this.ctx.store.db, wanted, except);
    if (clashes.length > 0) throw clash(clashes[0]!.name === wanted.name ? wanted.name : undefined, clashes[0]!.url === wanted.url ? wanted.url : undefined);
  }

  /** Connects with credentials not stored yet and uses the EEM; a refusal or failure names the pod manager. */
  private async reach<T>(
    podm: Pick<PodManagerRow, 'driver' | 'url' | 'username' | 'name' | 'insecure'>, password: string, use: (driver: PodManagerDriver) => Promise<T>,
  ): Promise<T> {
    const driver = this.ctx.drivers.connect(podm, password);
    try {
      return await use(driver);
    } catch (err) {
      if (err instanceof FabricError && err.kind === 'auth') {
        throw new CoreError('unauthorized', `unable to reach pod manager at url: ${podm.url} with error: Invalid credentials passed`);
      }
      throw fabricFailure(err, podm, 'checking the pod manager');
    } finally {
      await driver.close();
    }
  }
}

/**
 * A forget waits for operations in flight: dropped under them, a compose still talking to the EEM
 * would go on changing the fabric for a node nobody can see. Each ends within the EEM's timeouts.
 */
async function refuseLiveOperations(tx: Db, podm: PodManagerRow): Promise<void> {
  const live = await liveOperationsOf(tx, podm.uuid, nowIso());
  if (live.length === 0) return;
  const what = live.map((op) => `${op.kind} of node ${op.node_uuid}`).join(', ');
  throw new CoreError('busy', `Pod manager ${podm.name} (${podm.uuid}) has operations in progress (${what}); each ends within the EEM's time limits: forget it after that.`);
}

/** How a pod manager is deleted (see `PodManagers.delete`). */
export type PodManagerRemoval = 'refuse-if-nodes' | 'decompose-nodes' | 'forget';

/** Checks the credentials, then reads the boards that tell which EEM this is. */
async function readListing(driver: PodManagerDriver): Promise<FabricInventory> {
  await driver.probe();
  return driver.inventory();
}

function nodesRemain(podm: PodManagerRow, nodes: number, hint: string): CoreError {
  return new CoreError('conflict', `Pod manager ${podm.name} (${podm.uuid}) still has ${nodes} composed node(s); ${hint}.`);
}

/** The full row, for core modules that need to reach the fabric. */
export async function podManagerRow(ctx: CoreContext, uuid: string): Promise<PodManagerRow> {
  const row = await repo.findPodManager(ctx.store.db, uuid);
  if (!row) throw notFound(`Pod Manager ${uuid}`);
  return row;
}

function clash(name: string | undefined, url: string | undefined): CoreError {
  const what = name !== undefined ? `name '${name}'` : `url '${url}'`;
  return new CoreError('conflict', `A pod manager with ${what} already exists.`);
}

/** The one mapping from the store's columns; the sealed password stays behind. */
function toPodManager(row: PodManagerRow): PodManager {
  return {
    uuid: row.uuid, name: row.name, url: row.url, driver: row.driver, username: row.username, insecure: row.insecure === 1,
    status: row.status, statusDetail: row.status_detail, description: row.description, location: row.location,
    lastSyncAt: row.last_sync_at, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

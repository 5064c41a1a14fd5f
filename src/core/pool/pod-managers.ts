import { randomUUID } from 'node:crypto';
import type { DriverName, PodManagerStatus } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { isUniqueViolation } from '../../store/database.js';
import * as repo from '../../store/pod-managers.js';
import { countNodesOfPodManager, listNodes } from '../../store/nodes.js';
import type { PodManagerRow } from '../../store/schema.js';
import { FabricError } from '../../drivers/index.js';
import type { CoreContext } from '../context.js';
import type { Decompose } from '../nodes/decompose.js';
import type { Sync } from './sync.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { diff, record } from '../events/recorder.js';

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

  async list(): Promise<PodManager[]> {
    return (await repo.listPodManagers(this.ctx.store.db)).map(toPodManager);
  }

  async get(uuid: string): Promise<PodManager> {
    return toPodManager(await this.row(uuid));
  }

  row(uuid: string): Promise<PodManagerRow> {
    return podManagerRow(this.ctx, uuid);
  }

  /** Checks the EEM first; nothing is written unless it answers and accepts the credentials. */
  async create(input: PodManagerInput): Promise<PodManager> {
    await this.refuseClash(input.name, input.url);
    const insecure = input.insecure === true ? (1 as const) : (0 as const);
    await this.probe({ ...input, insecure }, input.password);
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
        await repo.insertPodManager(tx, row);
        await record(tx, { kind: 'pod_manager.created', target: row.uuid, podmId: row.uuid, after: { name: row.name, url: row.url, status: row.status } });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw clash(input.name, input.url);
      throw err;
    }
    this.ctx.log.info({ podm_id: row.uuid, url: row.url }, 'pod manager created');
    await this.sync.one(row.uuid);
    return this.get(row.uuid);
  }

  async update(uuid: string, changes: PodManagerChanges): Promise<PodManager> {
    const current = await this.row(uuid);
    if (changes.name !== undefined && changes.name !== current.name) await this.refuseClash(changes.name, undefined, uuid);
    const insecure = changes.insecure === undefined ? current.insecure : changes.insecure ? (1 as const) : (0 as const);
    // New credentials, or a change in how the EEM's certificate is checked, are tried before they are kept.
    const credentialsChange = changes.username !== undefined || changes.password !== undefined || insecure !== current.insecure;
    const password = changes.password ?? this.ctx.secrets.open(current.password_sealed);
    if (credentialsChange) await this.probe({ ...current, username: changes.username ?? current.username, insecure }, password);
    try {
      const told = {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.location !== undefined && { location: changes.location }),
        ...(changes.username !== undefined && { username: changes.username }),
        insecure,
        ...(credentialsChange && { status: 'Online' as const, status_detail: null }),
      };
      await this.ctx.store.transaction(async (tx) => {
        await repo.updatePodManager(tx, uuid, { ...told, ...(credentialsChange && { password_sealed: this.ctx.secrets.seal(password) }), updated_at: nowIso() });
        const change = diff(current, told);
        if (change) await record(tx, { kind: 'pod_manager.updated', target: uuid, podmId: uuid, ...change });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw clash(changes.name ?? current.name, undefined);
      throw err;
    }
    return this.get(uuid);
  }

  /** Refuses while composed nodes remain, unless `force`, which decomposes them first. */
  async delete(uuid: string, force: boolean): Promise<void> {
    const podm = await this.row(uuid);
    const nodes = await countNodesOfPodManager(this.ctx.store.db, uuid);
    if (nodes > 0 && !force) {
      throw new CoreError('conflict', `Pod manager ${podm.name} (${uuid}) still has ${nodes} composed node(s); decompose them first or delete with ?force=true.`);
    }
    for (const node of await listNodes(this.ctx.store.db, { podm_id: uuid })) await this.decompose.run(node.uuid);
    await this.ctx.store.transaction(async (tx) => {
      await repo.deletePodManager(tx, uuid);
      await record(tx, { kind: 'pod_manager.deleted', target: uuid, podmId: uuid, before: { name: podm.name, url: podm.url } });
    });
    this.ctx.drivers.evict(uuid);
    this.ctx.log.info({ podm_id: uuid }, 'pod manager deleted');
  }

  private async refuseClash(name: string, url: string | undefined, except?: string): Promise<void> {
    const clashes = await repo.findPodManagerClashes(this.ctx.store.db, name, url, except);
    if (clashes.length > 0) throw clash(clashes[0]!.name === name ? name : undefined, clashes[0]!.url === url ? url : undefined);
  }

  private async probe(podm: Pick<PodManagerRow, 'driver' | 'url' | 'username' | 'name' | 'insecure'>, password: string): Promise<void> {
    const driver = this.ctx.drivers.connect(podm, password);
    try {
      await driver.probe();
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

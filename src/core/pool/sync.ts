import { collectGarbageSoon } from '../../shared/heap.js';
import type { FabricInventory } from '../../drivers/index.js';
import { FabricError } from '../../drivers/index.js';
import type { PodManagerStatus, SyncStatus } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import * as devicesRepo from '../../store/devices.js';
import * as serversRepo from '../../store/servers.js';
import { acquireSyncLease, releaseSyncLease } from '../../store/sync-leases.js';
import { findPodManager, listPodManagers, updatePodManager } from '../../store/pod-managers.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { notFound } from '../errors.js';
import { reconcileDevices, type SyncCounts } from './device-reconcile.js';
import { KnownDevices } from './known-devices.js';
import { recordDrift, recordStatus } from '../events/pool-changes.js';
import { assessNodes } from './node-health.js';
import { checkListing } from './listing-check.js';
import { reconcileServers } from './server-reconcile.js';

export type { SyncCounts };

/** Valence's `{podm_id, status}`, with what changed. */
export type SyncReport =
  | ({ podm_id: string; status: 'SUCCESS'; servers: number } & SyncCounts)
  | { podm_id: string; status: Exclude<SyncStatus, 'SUCCESS'>; detail: string };

/** Fires a confirmation a little after it is due: timers may fire early by a millisecond. */
const CONFIRM_MARGIN_MS = 50;

/**
 * Reconciles the store with the fabric, the source of truth: read all, converge, report what changed.
 * Costs two fabric calls whatever the pool size; the owner of an attached device is found by
 * joining group ids in memory. Never overwrites what an operation wrote after sync read the store.
 */
/**
 * Devices from which a sync's garbage is worth a collection of its own (shared/heap.ts); a smaller
 * pool's sync leaves a few MiB, which V8's own schedule collects.
 */
const LARGE_POOL = 5_000;

export class Sync {
  /** Syncs in flight in this process, by pod manager. */
  private readonly running = new Map<string, Promise<SyncReport>>();
  /** A sync planned to start when the one in flight ends: every request made meanwhile shares it. */
  private readonly queued = new Map<string, Promise<SyncReport>>();
  /** What each pod manager's last sync compared, while nothing has been written since. */
  private readonly known = new KnownDevices();
  /** Distrusted listings to read again once they can be confirmed (the row holds the suspicion for every replica). */
  private readonly confirmations = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: CoreContext) {}

  async all(): Promise<SyncReport[]> {
    const reports: SyncReport[] = [];
    for (const podm of await listPodManagers(this.ctx.store.db)) reports.push(await this.oneOfMany(podm));
    return reports;
  }

  /**
   * The periodic sync: the pod managers nobody synced within most of `intervalMs`. Replicas tick on
   * their own clocks; the first to find one due syncs it (under its lease) and the others skip it.
   * A pod manager with a distrusted listing is always due: any replica may confirm it.
   */
  async due(intervalMs: number): Promise<SyncReport[]> {
    const recent = new Date(Date.now() - intervalMs * 0.75).toISOString();
    const reports: SyncReport[] = [];
    for (const podm of await listPodManagers(this.ctx.store.db)) {
      if (podm.last_sync_at === null || podm.last_sync_at < recent || podm.suspect_listing !== null) reports.push(await this.oneOfMany(podm));
    }
    return reports;
  }

  /** Stops the confirmations still waiting; a sync in flight finishes. */
  stop(): void {
    for (const timer of this.confirmations.values()) clearTimeout(timer);
    this.confirmations.clear();
  }

  /** One pod manager of a round: its failure is reported and logged, and the round goes on to the others. */
  private async oneOfMany(podm: PodManagerRow): Promise<SyncReport> {
    try {
      return await this.one(podm.uuid);
    } catch (err) {
      const detail = `pod manager ${podm.name} (${podm.url}): sync failed: ${err instanceof Error ? err.message : String(err)}`;
      this.ctx.log.error({ podm_id: podm.uuid, err: detail }, 'sync failed');
      return { podm_id: podm.uuid, status: 'FAILED', detail };
    }
  }

  /** Reads the fabric again when a distrusted listing can be confirmed, so it need not wait for the periodic sync. */
  private confirmLater(podmId: string, confirmAt: number): void {
    clearTimeout(this.confirmations.get(podmId));
    const timer = setTimeout(() => {
      this.confirmations.delete(podmId);
      this.inBackground(podmId);
    }, Math.max(0, confirmAt - Date.now()) + CONFIRM_MARGIN_MS);
    timer.unref();
    this.confirmations.set(podmId, timer);
  }

  /**
   * A sync whose fabric read starts after this call: the one in flight may have read the EEM before
   * the change the caller wants seen (a hot-plug, a background resync while the EEM hung), so a
   * request made meanwhile waits for it and shares the one run that follows, whatever came of it.
   */
  async one(podmId: string): Promise<SyncReport> {
    const planned = this.queued.get(podmId);
    if (planned) return planned;
    const inFlight = this.running.get(podmId);
    if (!inFlight) return this.start(podmId);
    const next = inFlight.catch(() => undefined).then(() => {
      this.queued.delete(podmId);
      return this.start(podmId);
    });
    this.queued.set(podmId, next);
    return next;
  }

  /**
   * The first sync of a pod manager just created, from the listing its creation read to check the
   * EEM: read twice, a 10,000-device listing costs its fetch and parse again. Nothing of the pod
   * manager was in the store when that listing was read, so no write since can be older than it.
   */
  first(podmId: string, inventory: FabricInventory): Promise<SyncReport> {
    return this.running.has(podmId) || this.queued.has(podmId) ? this.one(podmId) : this.start(podmId, inventory);
  }

  private start(podmId: string, inventory?: FabricInventory): Promise<SyncReport> {
    const run = this.run(podmId, inventory).finally(() => this.running.delete(podmId));
    this.running.set(podmId, run);
    return run;
  }

  /**
   * After a fabric change failed part-way: a sync in the background brings the store back to what
   * the fabric says, while the caller answers with the failure.
   */
  inBackground(podmId: string): void {
    void this.one(podmId).catch((err: unknown) => this.ctx.log.warn({ podm_id: podmId, err: String(err) }, 'resync failed'));
  }

  /** `read`: a listing read after the store last changed for this pod manager (see `first`). */
  private async run(podmId: string, read?: FabricInventory): Promise<SyncReport> {
    const { store, holder, settings, log } = this.ctx;
    const podm = await findPodManager(store.db, podmId);
    if (!podm) throw notFound(`Pod Manager ${podmId}`);
    const now = Date.now();
    if (!(await acquireSyncLease(store.db, podmId, holder, new Date(now).toISOString(), new Date(now + settings.leaseMs).toISOString()))) {
      return { podm_id: podmId, status: 'BUSY', detail: 'another covalence process is syncing this pod manager' };
    }
    const started = performance.now();
    try {
      // The store is read before the fabric: any write after this point has a newer revision,
      // and the compare-and-set below leaves it alone.
      const compared = await this.known.read(store.db, podmId);
      const known = compared.rows;
      let inventory: FabricInventory;
      try {
        inventory = read ?? await this.ctx.drivers.get(podm).inventory();
      } catch (err) {
        if (!(err instanceof FabricError)) throw err;
        await this.setStatus(podm, err.kind === 'auth' ? 'AuthError' : 'Offline', err.message);
        log.warn({ podm_id: podmId, err: err.message }, 'sync failed');
        this.ctx.metrics.syncRuns.observe({ podm: podm.name, status: 'FAILED' }, (performance.now() - started) / 1000);
        return { podm_id: podmId, status: 'FAILED', detail: `pod manager ${podm.name} (${podm.url}): ${err.message}` };
      }
      const outcome = await store.transaction(async (tx) => {
        const at = nowIso();
        const servers = await serversRepo.serversOfPodManager(tx, podmId);
        const verdict = await checkListing(tx, settings, podm, { servers, devices: known }, inventory, at);
        if (!verdict.apply) return verdict;
        const grace = new Date(Date.now() - settings.removedGraceMs).toISOString();
        await reconcileServers(tx, podmId, servers, inventory.servers, at, grace);
        const result = await reconcileDevices(tx, podmId, known, inventory, at);
        await assessNodes(tx, podmId, inventory, at);
        await recordDrift(tx, podmId, result);
        await devicesRepo.purgeRemovedDevices(tx, podmId, grace);
        await updatePodManager(tx, podmId, { status: 'Online', status_detail: null, suspect_listing: null, last_sync_at: at });
        await recordStatus(tx, podm, 'Online', null);
        return { apply: true as const, counts: result };
      });
      await this.known.keep(store.db, podmId, compared);
      if (!outcome.apply) {
        log.warn({ podm_id: podmId, status: outcome.status, detail: outcome.detail }, 'sync did not apply the listing');
        this.ctx.metrics.syncRuns.observe({ podm: podm.name, status: outcome.status }, (performance.now() - started) / 1000);
        if (outcome.status === 'SUSPECT') this.confirmLater(podmId, outcome.confirmAt);
        return { podm_id: podmId, status: outcome.status, detail: outcome.detail };
      }
      const { counts } = outcome;
      const ms = Math.round(performance.now() - started);
      log.info({ podm_id: podmId, ms, servers: inventory.servers.length, devices: inventory.devices.length, ...counts }, 'sync done');
      this.ctx.metrics.syncRuns.observe({ podm: podm.name, status: 'SUCCESS' }, ms / 1000);
      for (const [change, n] of Object.entries(counts)) if (n > 0) this.ctx.metrics.syncChanges.inc({ podm: podm.name, change }, n);
      if (inventory.devices.length >= LARGE_POOL) collectGarbageSoon();
      return { podm_id: podmId, status: 'SUCCESS', servers: inventory.servers.length, ...counts };
    } finally {
      await releaseSyncLease(store.db, podmId, holder);
    }
  }

  private async setStatus(podm: PodManagerRow, status: PodManagerStatus, detail: string): Promise<void> {
    await this.ctx.store.transaction(async (tx) => {
      await updatePodManager(tx, podm.uuid, { status, status_detail: detail, updated_at: nowIso() });
      await recordStatus(tx, podm, status, detail);
    });
  }
}

import { clearSyncLeases } from '../store/sync-leases.js';
import { pruneOperations } from '../store/operations.js';
import type { CoreContext } from './context.js';
import type { Recovery } from './nodes/recovery.js';
import type { Probes } from './pool/probes.js';
import type { Sync } from './pool/sync.js';

const KEEP_FINISHED_OPERATIONS_MS = 7 * 24 * 3600_000;

/**
 * The periodic work of one process: journal recovery, then a sync of every pod manager. Recovery
 * also runs on a short tick of its own, with every store: it takes over what a dead replica left
 * once its lease runs out, and retries a failed undo once its backoff does, so neither waits for a
 * restart. The checks of each EEM for /readyz keep a schedule of their own.
 */
export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private tick: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CoreContext, private readonly recovery: Recovery, private readonly sync: Sync, private readonly probes: Probes) {}

  /** Recovers what a previous process left at once; then repeats every `intervalMs` (0: never). */
  async start(intervalMs: number): Promise<void> {
    if (this.ctx.store.singleWriter) await clearSyncLeases(this.ctx.store.db);
    await this.recovery.run();
    if (intervalMs > 0) this.repeat(intervalMs, () => this.once(intervalMs));
    const { leaseMs, undoRetryBaseMs } = this.ctx.settings;
    this.repeat(Math.min(leaseMs / 2, undoRetryBaseMs), () => this.recovery.run().then(() => undefined));
    this.probes.start();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([this.tick, this.probes.stop()]);
  }

  private repeat(ms: number, work: () => Promise<void>): void {
    const timer = setInterval(() => {
      this.tick = this.tick.then(work).catch((err: unknown) => {
        this.ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'periodic work failed');
      }); // ticks never overlap
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async once(intervalMs: number): Promise<void> {
    await this.recovery.run();
    await this.sync.due(intervalMs);
    await pruneOperations(this.ctx.store.db, new Date(Date.now() - KEEP_FINISHED_OPERATIONS_MS).toISOString());
  }
}

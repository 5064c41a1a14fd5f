import { clearSyncLeases } from '../store/sync-leases.js';
import { pruneOperations } from '../store/operations.js';
import type { CoreContext } from './context.js';
import type { Recovery } from './recovery.js';
import type { Sync } from './sync.js';

const KEEP_FINISHED_OPERATIONS_MS = 7 * 24 * 3600_000;

/** The periodic work of one process: journal recovery, then a sync of every pod manager. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CoreContext, private readonly recovery: Recovery, private readonly sync: Sync) {}

  /** Recovers what a previous process left at once; then repeats every `intervalMs` (0: never). */
  async start(intervalMs: number): Promise<void> {
    if (this.ctx.store.singleWriter) await clearSyncLeases(this.ctx.store.db);
    await this.recovery.run();
    if (intervalMs > 0) {
      this.timer = setInterval(() => {
        this.tick = this.tick.then(() => this.once()); // ticks never overlap
      }, intervalMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.tick;
  }

  private async once(): Promise<void> {
    try {
      await this.recovery.run();
      await this.sync.all();
      await pruneOperations(this.ctx.store.db, new Date(Date.now() - KEEP_FINISHED_OPERATIONS_MS).toISOString());
    } catch (err) {
      this.ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'periodic work failed');
    }
  }
}

import { FabricError } from '../../drivers/index.js';
import type { PodManagerStatus } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { listPodManagers } from '../../store/pod-managers.js';
import type { CoreContext } from '../context.js';

/** What the last check of one EEM found, and when (ISO 8601). */
export interface ProbeResult {
  status: PodManagerStatus;
  detail: string | null;
  at: string;
}

/**
 * Asks each EEM, on a short schedule of its own, whether it answers (its driver's cheap probe), so
 * that /readyz shows a dead EEM within seconds rather than at the next sync. The answers are this
 * process's view, kept in memory; the stored status stays the sync's. A check that has not
 * answered within the interval counts as Offline; the next one waits until it settles.
 */
export class Probes {
  private readonly results = new Map<string, ProbeResult>();
  private readonly inFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CoreContext) {}

  start(): void {
    const ms = this.ctx.settings.probeIntervalMs;
    if (ms <= 0) return;
    this.timer = setInterval(() => {
      this.round = this.round.then(() => this.run()).catch((err: unknown) => {
        this.ctx.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'checking the pod managers failed');
      });
    }, ms);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** The last check of a pod manager; undefined before the first. */
  result(uuid: string): ProbeResult | undefined {
    return this.results.get(uuid);
  }

  /** One check of every pod manager at once; forgets those deleted since. */
  async run(): Promise<void> {
    const podms = await listPodManagers(this.ctx.store.db);
    const known = new Set(podms.map((p) => p.uuid));
    for (const uuid of this.results.keys()) if (!known.has(uuid)) this.results.delete(uuid);
    await Promise.all(podms.filter((p) => !this.inFlight.has(p.uuid)).map(async (podm) => {
      this.inFlight.add(podm.uuid);
      const check = this.ctx.drivers.get(podm).probe();
      const settled = check.then(() => this.record(podm, 'Online', null), (err: unknown) => this.record(podm, statusOf(err), reasonOf(err)))
        .finally(() => this.inFlight.delete(podm.uuid));
      const late = new Promise<'late'>((resolve) => setTimeout(resolve, this.ctx.settings.probeIntervalMs, 'late').unref());
      if ((await Promise.race([settled, late])) === 'late' && this.inFlight.has(podm.uuid)) {
        this.record(podm, 'Offline', `did not answer within ${this.ctx.settings.probeIntervalMs / 1000} s`);
      }
    }));
  }

  private record(podm: { uuid: string; name: string }, status: PodManagerStatus, detail: string | null): void {
    const before = this.results.get(podm.uuid);
    if (before && before.status !== status) this.ctx.log.warn({ podm: podm.name, status, detail }, 'pod manager check changed');
    this.results.set(podm.uuid, { status, detail, at: nowIso() });
  }
}

function statusOf(err: unknown): PodManagerStatus {
  return err instanceof FabricError && err.kind === 'auth' ? 'AuthError' : 'Offline';
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

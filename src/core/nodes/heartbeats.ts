import type { Logger } from 'pino';

/** One operation's heartbeat: its timer, and what says its work still goes on. */
interface Beat {
  readonly timer: NodeJS.Timeout;
  /** Fabric calls under way. */
  calls: number;
  lastActive: number;
}

/**
 * The operations this process is working on, each with a timer that renews its lease while it runs,
 * so a long operation on a slow fabric is never taken for a dead one. Renewal needs signs of life:
 * a fabric call under way or one within the last `idleMs`; an operation whose work ended without
 * settling it (an error on the way) then lets its lease run out, and recovery takes it over. A
 * renewal that finds the operation no longer this process's stops, and remembers it was taken over.
 */
export class Heartbeats {
  private readonly running = new Map<string, Beat>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly everyMs: number,
    private readonly idleMs: number,
    /** Renews one lease; false when the operation is no longer held by this process. */
    private readonly renew: (opId: string) => Promise<boolean>,
    private readonly log: Logger,
  ) {}

  start(opId: string): void {
    this.stop(opId);
    const timer = setInterval(() => {
      const beat = this.running.get(opId);
      if (beat && beat.calls === 0 && Date.now() - beat.lastActive > this.idleMs) {
        this.stop(opId);
        return;
      }
      this.renew(opId).then((held) => {
        if (held || !this.running.has(opId)) return;
        this.stop(opId);
        this.taken.add(opId);
      }, (err: unknown) => {
        this.log.warn({ op: opId, err: err instanceof Error ? err.message : String(err) }, 'could not renew an operation lease');
      });
    }, this.everyMs);
    timer.unref();
    this.running.set(opId, { timer, calls: 0, lastActive: Date.now() });
  }

  /** A fabric call of the operation starts (+1) or ends (-1). */
  calling(opId: string, delta: 1 | -1): void {
    const beat = this.running.get(opId);
    if (!beat) return;
    beat.calls += delta;
    beat.lastActive = Date.now();
  }

  /** While beating, the operation is live: recovery leaves it alone. */
  isBeating(opId: string): boolean {
    return this.running.has(opId);
  }

  /** A renewal found it held by another process. */
  wasTaken(opId: string): boolean {
    return this.taken.has(opId);
  }

  /** Its work is over (settled, stuck, or abandoned by an error): its lease runs out unless settled. */
  stop(opId: string): void {
    clearInterval(this.running.get(opId)?.timer);
    this.running.delete(opId);
    this.taken.delete(opId);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }
}

import type { Logger } from 'pino';

/**
 * The operations this process is working on, each with a timer that renews its lease while it runs
 * (so a long operation on a slow fabric is never taken for a dead one) and the deadline by which its
 * fabric work must be over. A renewal that finds the operation no longer this process's stops.
 */
export class Heartbeats {
  private readonly running = new Map<string, { timer: NodeJS.Timeout; deadline: number }>();

  constructor(
    private readonly everyMs: number,
    /** Renews one lease; false when the operation is no longer held by this process. */
    private readonly renew: (opId: string) => Promise<boolean>,
    private readonly log: Logger,
  ) {}

  /** `deadline`: epoch ms by which its fabric work must be over (Infinity: bounded by each call's timeout only). */
  start(opId: string, deadline: number): void {
    this.stop(opId);
    const timer = setInterval(() => {
      this.renew(opId).then((held) => {
        if (!held) this.stop(opId);
      }, (err: unknown) => {
        this.log.warn({ op: opId, err: err instanceof Error ? err.message : String(err) }, 'could not renew an operation lease');
      });
    }, this.everyMs);
    timer.unref();
    this.running.set(opId, { timer, deadline });
  }

  /** When the operation's fabric work must be over; undefined when this process no longer works on it. */
  deadline(opId: string): number | undefined {
    return this.running.get(opId)?.deadline;
  }

  stop(opId: string): void {
    clearInterval(this.running.get(opId)?.timer);
    this.running.delete(opId);
  }

  stopAll(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }
}

import { listEvents, onEventsWritten, sequenceBounds, type EventRow } from '../../store/events.js';
import type { CoreContext } from '../context.js';

type Listener = (events: readonly EventRow[]) => void;

const BATCH = 1000;
/** How long a written event may take to commit before the hub stops looking for it (it rolled back). */
const COMMIT_WAIT_MS = 2_000;

/**
 * This process's view of the event log: reads each committed event once and hands it to every
 * listener (streams, webhook deliveries). Events written here are read as soon as they commit;
 * events written by other replicas are found by a poll of the counter row every `eventPollMs`.
 * Because commit order is sequence order, what the hub has read is always a prefix: `head` is the
 * newest event every listener has been given.
 */
export class EventHub {
  private headSeq = 0;
  private readonly listeners = new Set<Listener>();
  /** Sequence numbers written by this process and not read yet (for the events-written metric). */
  private readonly written = new Set<number>();
  private awaited = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly unhook: () => void;

  constructor(private readonly ctx: CoreContext) {
    this.unhook = onEventsWritten((first, last) => {
      for (let seq = first; seq <= last; seq++) this.written.add(seq);
      this.awaited = Math.max(this.awaited, last);
      void this.read();
    });
  }

  get head(): number {
    return this.headSeq;
  }

  async start(): Promise<void> {
    this.headSeq = (await sequenceBounds(this.ctx.store.db)).last;
    this.timer = setInterval(() => void this.read(), this.ctx.settings.eventPollMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.unhook();
    this.listeners.clear();
  }

  /** Called synchronously with every batch, in order; the returned function stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One reader at a time; a request while reading makes it read once more. */
  private read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.readUntilCaughtUp()
      .catch((err: unknown) => this.ctx.log.warn({ err: String(err) }, 'reading events failed'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          void this.read();
        }
      });
    return this.reading;
  }

  private async readUntilCaughtUp(): Promise<void> {
    const started = Date.now();
    for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
      let batch: EventRow[];
      do {
        batch = await listEvents(this.ctx.store.db, this.headSeq, {}, BATCH);
        if (batch.length > 0) this.deliver(batch);
      } while (batch.length === BATCH);
      // An event written here may not have committed yet: look again shortly, not at the next poll.
      if (this.headSeq >= this.awaited) return;
      if (Date.now() - started > COMMIT_WAIT_MS) {
        this.awaited = this.headSeq; // rolled back: its number goes to the next writer
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private deliver(batch: readonly EventRow[]): void {
    this.headSeq = batch.at(-1)!.seq;
    for (const e of batch) {
      if (this.written.delete(e.seq)) this.ctx.metrics.eventsWritten.inc({ kind: e.kind });
    }
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (err) {
        this.ctx.log.warn({ err: String(err) }, 'an event listener failed');
      }
    }
  }
}

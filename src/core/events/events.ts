import { listEvents, purgeEvents, sequenceBounds } from '../../store/events.js';
import type { Caller } from '../access/caller.js';
import type { CoreContext } from '../context.js';
import { matches, scoped, toEvent, truncated, type Event, type EventQuery } from './event.js';
import type { EventHub } from './hub.js';

const PAGE = 500;

/** A stream a caller follows; `stop` ends it (the client went away). */
export interface Following {
  stop(): void;
}

/**
 * Reading the event log: a page at a time, or followed live. Either way a reader that resumes from
 * before the retention window is told so by an `events.truncated` event, never given a silent gap.
 */
export class Events {
  private purger: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: CoreContext, private readonly hub: EventHub) {}

  /** Reads from the newest event on, and purges on a timer: every tenth of the retention window, at most every minute. */
  async start(): Promise<void> {
    await this.hub.start();
    const every = Math.min(this.ctx.settings.eventRetentionMs / 10, 60_000);
    this.purger = setInterval(() => void this.purge().catch((err: unknown) => this.ctx.log.warn({ err: String(err) }, 'event purge failed')), every);
    this.purger.unref();
  }

  close(): void {
    clearInterval(this.purger);
    this.hub.close();
  }

  /** The newest event this process has read: where a stream without `since` begins. */
  head(): number {
    return this.hub.head;
  }

  /** Events after `since`, oldest first, at most `limit` (the next page starts after the last one). */
  async list(query: EventQuery, caller: Caller, since: number, limit: number): Promise<Event[]> {
    const { purgedThrough } = await sequenceBounds(this.ctx.store.db);
    const gap = since < purgedThrough ? [truncated(since, purgedThrough)] : [];
    const rows = await listEvents(this.ctx.store.db, Math.max(since, purgedThrough), scoped(query, caller), limit - gap.length);
    return [...gap, ...rows.map(toEvent)];
  }

  /**
   * Sends every event after `since` that the caller may see and the query asks for, in order, each
   * once: first from the store, then live from the hub. The switch happens only when the store has
   * been read up to the hub's head, with no await in between, so nothing falls between the two.
   */
  async follow(query: EventQuery, caller: Caller, since: number, send: (e: Event) => void): Promise<Following> {
    const filter = scoped(query, caller);
    let stopped = false;
    let unlisten: () => unknown = () => undefined;
    this.ctx.metrics.streamClients.inc();
    const following = {
      stop: () => {
        if (stopped) return;
        stopped = true;
        unlisten();
        this.ctx.metrics.streamClients.dec();
      },
    };
    let cursor = since;
    const { purgedThrough } = await sequenceBounds(this.ctx.store.db);
    if (cursor < purgedThrough) {
      send(truncated(cursor, purgedThrough));
      cursor = purgedThrough;
    }
    // Catch up from the store to the hub's head, which may move meanwhile: again until it stands still.
    for (let target = this.hub.head; cursor < target && !stopped; target = this.hub.head) {
      const rows = await listEvents(this.ctx.store.db, cursor, filter, PAGE, target);
      if (stopped) break;
      for (const row of rows) send(toEvent(row));
      cursor = rows.length === PAGE ? rows.at(-1)!.seq : target;
    }
    if (stopped) return following;
    unlisten = this.hub.listen((batch) => {
      for (const row of batch) {
        if (row.seq <= cursor) continue;
        cursor = row.seq;
        if (matches(row, filter)) send(toEvent(row));
      }
    });
    return following;
  }

  /** Drops events older than the retention window. */
  async purge(): Promise<number> {
    const before = new Date(Date.now() - this.ctx.settings.eventRetentionMs).toISOString();
    const purged = await this.ctx.store.transaction((tx) => purgeEvents(tx, before));
    if (purged > 0) this.ctx.log.info({ purged }, 'events purged');
    return purged;
  }
}

import { followStream, type StreamOptions } from '../../src/cli/client/event-stream.js';

/** An event as the API gives it (GET /v1/events, the stream's data, a webhook's body). */
export interface WireEvent {
  seq: number;
  kind: string;
  target: string;
  podm_id: string | null;
  node_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  caller: string | null;
}

/** A stream followed in the background, its events collected as they arrive. */
export interface Collector {
  readonly events: WireEvent[];
  /** Resolves once `pred` holds of the events so far; fails after `ms`. */
  until(pred: (events: WireEvent[]) => boolean, ms?: number): Promise<WireEvent[]>;
  close(): Promise<void>;
}

export function collect(url: string, opts: Omit<StreamOptions, 'signal'> = {}): Collector {
  const events: WireEvent[] = [];
  const abort = new AbortController();
  const done = (async () => {
    for await (const m of followStream(url, { ...opts, signal: abort.signal })) events.push(JSON.parse(m.data) as WireEvent);
  })();
  done.catch(() => undefined);
  return {
    events,
    async until(pred, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!pred(events)) {
        if (Date.now() > deadline) throw new Error(`stream: condition not met in ${ms} ms; got ${events.map((e) => `${e.seq}:${e.kind}`).join(' ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return events;
    },
    async close() {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}

/** Sequence numbers follow each other with no gap. */
export function gapFree(events: readonly WireEvent[]): boolean {
  return events.every((e, i) => i === 0 || e.seq === events[i - 1]!.seq + 1);
}

/** `kinds` appear among the events in this order (others may come between). */
export function inOrder(events: readonly WireEvent[], kinds: readonly string[]): boolean {
  let i = 0;
  for (const e of events) if (i < kinds.length && e.kind === kinds[i]) i++;
  return i === kinds.length;
}

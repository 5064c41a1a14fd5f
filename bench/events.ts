// The event stream: the delay from a change to its event on the stream, and how many events a
// second reach 100 connected clients.
import { followStream } from '../src/cli/client/event-stream.js';
import { startStack, type Stack } from '../support/stack.js';
import { percentile, round } from './measure.js';

export interface EventsResult {
  delay: { samples: number; p50Ms: number; p99Ms: number };
  throughput: { clients: number; events: number; seconds: number; eventsPerSecondPerClient: number; deliveriesPerSecond: number };
}

/** Follows the stream from now on in the background; calls `onEvent` with each event's data. */
function follow(s: Stack, onEvent: (data: { seq: number; after: Record<string, unknown> | null }) => void): { ready: Promise<void>; stop: () => void } {
  const abort = new AbortController();
  let up = () => undefined as void;
  const ready = new Promise<void>((r) => (up = r));
  void (async () => {
    const head = ((await s.call('GET', '/v1/events?since=0&limit=1000')).body as Array<{ seq: number }>).at(-1)?.seq ?? 0;
    const stream = followStream(`${s.api}/v1/events/stream?kind=pod_manager.updated`, { lastEventId: String(head), signal: abort.signal });
    up();
    for await (const m of stream) onEvent(JSON.parse(m.data));
  })().catch(() => undefined);
  return { ready, stop: () => abort.abort() };
}

export async function benchEvents({ changes = 200, clients = 100, burst = 1_000 } = {}): Promise<EventsResult> {
  const s = await startStack();
  try {
    const podm = await s.addPodManager();
    const change = (text: string) => s.call('PATCH', `/v1/pod_managers/${podm}`, { description: text });

    // Delay: one client, one change at a time; from sending the change to its event arriving.
    const arrived = new Map<string, number>();
    const one = follow(s, (e) => arrived.set(String(e.after?.description), performance.now()));
    await one.ready;
    await new Promise((r) => setTimeout(r, 200));
    const delays: number[] = [];
    for (let i = 0; i < changes; i++) {
      const sent = performance.now();
      await change(`d${i}`);
      while (!arrived.has(`d${i}`)) await new Promise((r) => setImmediate(r));
      delays.push(arrived.get(`d${i}`)! - sent);
    }
    one.stop();

    // Throughput: `clients` followers, `burst` changes from 4 writers; until every client has them all.
    const counts = new Array<number>(clients).fill(0);
    const followers = Array.from({ length: clients }, (_, i) => follow(s, () => counts[i]!++));
    await Promise.all(followers.map((f) => f.ready));
    await new Promise((r) => setTimeout(r, 500));
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < burst) await change(`t${next++}`);
    }));
    while (counts.some((n) => n < burst)) await new Promise((r) => setTimeout(r, 5));
    const seconds = (performance.now() - started) / 1000;
    followers.forEach((f) => f.stop());
    return {
      delay: { samples: delays.length, p50Ms: round(percentile(delays, 50), 2), p99Ms: round(percentile(delays, 99), 2) },
      throughput: { clients, events: burst, seconds: round(seconds, 2), eventsPerSecondPerClient: round(burst / seconds, 0), deliveriesPerSecond: round((burst * clients) / seconds, 0) },
    };
  } finally {
    await s.close();
  }
}

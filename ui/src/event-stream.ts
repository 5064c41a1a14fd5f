import { token } from './api';
import type { Paths } from './openapi.gen';

/** An event as GET /v1/events and the stream give it. */
export type WireEvent = Paths['/v1/events']['get']['ok'][number];

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * Follows GET /v1/events/stream with fetch rather than EventSource, which cannot send the
 * X-Auth-Token header. Reconnects after a drop with the last sequence seen (Last-Event-ID), so no
 * event is missed or seen twice; `onState` says whether the stream is up (the caller polls while not).
 */
export function followEvents(onEvent: (e: WireEvent) => void, onState: (up: boolean) => void): () => void {
  let stopped = false;
  let lastId: string | undefined;
  let abort = new AbortController();
  void (async () => {
    for (let failures = 0; !stopped; failures++) {
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (token.value) headers['x-auth-token'] = token.value;
        if (lastId !== undefined) headers['last-event-id'] = lastId;
        const res = await fetch('/v1/events/stream', { headers, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onState(true);
        failures = 0;
        await read(res.body, (id, data) => {
          lastId = id ?? lastId;
          onEvent(JSON.parse(data) as WireEvent);
        });
      } catch {
        // dropped or refused: poll meanwhile, and try again
      }
      onState(false);
      if (stopped) return;
      abort = new AbortController();
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]));
    }
  })();
  return () => {
    stopped = true;
    abort.abort();
  };
}

/** Splits the stream into messages (blank-line separated) and hands on each one's id and data. */
async function read(body: ReadableStream<Uint8Array>, onMessage: (id: string | undefined, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const id = lines.find((l) => l.startsWith('id:'))?.slice(3).trim();
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
      if (data) onMessage(id, data);
    }
  }
}

// Events are kept for the retention window; a reader resuming from before it is told so by an
// explicit `events.truncated` event, in the listing and on the stream, never given a silent gap.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { collect, type WireEvent } from '../support/events.js';

describe('events past the retention window', { timeout: 60_000 }, () => {
  let s: Stack;
  let firstBatch: WireEvent[];

  before(async () => {
    // A 1 s window: purged every tenth of it.
    s = await startStack({ config: { eventRetention: 1 } });
    await s.addPodManager();
    firstBatch = (await s.call('GET', '/v1/events?since=0&limit=1000')).body;
    assert.ok(firstBatch.length > 0, 'creating a pod manager wrote events');
    await sleep(2_000);
    await s.call('POST', '/v1/devices/sync');
  });
  after(() => s.close());

  it('the listing from before the window starts with events.truncated, naming the oldest kept', async () => {
    const listed = (await s.call('GET', '/v1/events?since=0&limit=1000')).body as WireEvent[];
    const [head, ...rest] = listed;
    assert.equal(head?.kind, 'events.truncated');
    const oldest = (head!.after as { oldest_available: number }).oldest_available;
    assert.ok(oldest > firstBatch.at(-1)!.seq, `the first batch (up to ${firstBatch.at(-1)!.seq}) was purged; oldest kept ${oldest}`);
    for (const e of rest) assert.ok(e.seq >= oldest, `event ${e.seq} is not older than the oldest kept`);
  });

  it('a stream resumed with an old Last-Event-ID is told first, then carries on', async () => {
    const stream = collect(`${s.api}/v1/events/stream`, { lastEventId: String(firstBatch[0]!.seq) });
    try {
      const events = await stream.until((es) => es.length > 0);
      assert.equal(events[0]!.kind, 'events.truncated');
      assert.equal((events[0]!.before as { since: number }).since, firstBatch[0]!.seq);
    } finally {
      await stream.close();
    }
  });

  it('a reader within the window is given no truncation', async () => {
    const head = (await s.call('GET', '/v1/events?since=0&limit=1000')).body as WireEvent[];
    const since = head.at(-1)!.seq;
    await s.call('PATCH', `/v1/pod_managers/${(await s.call('GET', '/v1/pod_managers')).body[0].uuid}`, { description: 'kept' });
    const after = (await s.call('GET', `/v1/events?since=${since}`)).body as WireEvent[];
    assert.ok(after.length > 0);
    assert.ok(after.every((e) => e.kind !== 'events.truncated'));
  });
});

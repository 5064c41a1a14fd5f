// Events are numbered as their transaction commits: commit order is sequence order, a rollback
// leaves no gap, and a long transaction that recorded an event does not hold up other writers'
// events (on PostgreSQL, where writers run side by side).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listEvents, queueEvent, type QueuedEvent } from '../../src/store/events.js';
import { BACKENDS, openTestStore } from './support.js';

const event = (target: string): QueuedEvent => ({
  at: new Date().toISOString(), kind: 'pod_manager.updated', target, podm_id: null, node_id: null, project_id: null,
  before: null, after: null, request_id: null, caller: null,
});

for (const backend of BACKENDS) {
  describe(`events in a ${backend} store`, () => {
    it('are numbered in commit order, without the gap a rolled-back transaction would leave', async () => {
      const t = await openTestStore(backend);
      try {
        await t.store.transaction(async (tx) => queueEvent(tx, event('a')));
        await assert.rejects(t.store.transaction(async (tx) => {
          queueEvent(tx, event('rolled back'));
          throw new Error('changed my mind');
        }), /changed my mind/);
        await t.store.transaction(async (tx) => {
          queueEvent(tx, event('b'));
          queueEvent(tx, event('c'));
        });
        const seen = await listEvents(t.store.db, 0, {}, 10);
        assert.deepEqual(seen.map((e) => [e.seq, e.target]), [[1, 'a'], [2, 'b'], [3, 'c']]);
        assert.throws(() => queueEvent(t.store.db, event('loose')), /outside a transaction/);
      } finally {
        await t.close();
      }
    });

    if (backend === 'postgres') {
      it('a transaction that recorded an event and is still open does not hold up another writer\'s event', async () => {
        const t = await openTestStore(backend, 4);
        try {
          let release!: () => void;
          const held = new Promise<void>((resolve) => { release = resolve; });
          let recorded!: () => void;
          const queued = new Promise<void>((resolve) => { recorded = resolve; });
          const long = t.store.transaction(async (tx) => {
            queueEvent(tx, event('long'));
            await tx.selectFrom('event_counter').select('last').execute();
            recorded();
            await held;
          });
          await queued;
          const short = t.store.transaction(async (tx) => queueEvent(tx, event('short')));
          const first = await Promise.race([short.then(() => 'short'), new Promise((resolve) => setTimeout(resolve, 5_000, 'timed out'))]);
          release();
          await long;
          assert.equal(first, 'short', 'the short transaction committed while the long one was open');
          const seen = await listEvents(t.store.db, 0, {}, 10);
          assert.deepEqual(seen.map((e) => [e.seq, e.target]), [[1, 'short'], [2, 'long']], 'numbered in commit order');
        } finally {
          await t.close();
        }
      });
    }
  });
}

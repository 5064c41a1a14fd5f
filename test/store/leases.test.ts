import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Store } from '../../src/store/database.js';
import { claimOperation, insertOperation, orphanedOperations } from '../../src/store/operations.js';
import { acquireSyncLease } from '../../src/store/sync-leases.js';
import { BACKENDS, seedPool, twoProcesses, type TestStore } from './support.js';

const iso = (ms: number) => new Date(ms).toISOString();

// Leases are what keep one sync per pod manager and one recoverer per operation across processes.
for (const backend of BACKENDS) {
  describe(`leases on ${backend}`, () => {
    let t: TestStore;
    let other: Store;
    const views = twoProcesses(backend);
    before(() => {
      ({ t, other } = views);
    });

    it('of six processes asking for one sync lease at once, exactly one gets it; its holder renews it; others wait for expiry', async () => {
      const podm = await seedPool(t.store.db, 0, 0);
      const now = Date.now();
      const got = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        acquireSyncLease((i % 2 ? other : t.store).db, podm, `p${i}`, iso(now), iso(now + 60_000))));
      assert.equal(got.filter(Boolean).length, 1);
      const holder = `p${got.indexOf(true)}`;
      const stranger = holder === 'p0' ? 'p1' : 'p0';
      assert.equal(await acquireSyncLease(t.store.db, podm, holder, iso(now), iso(now + 60_000)), true, 'renewed');
      assert.equal(await acquireSyncLease(t.store.db, podm, stranger, iso(now + 1_000), iso(now + 61_000)), false, 'still held');
      assert.equal(await acquireSyncLease(t.store.db, podm, stranger, iso(now + 61_000), iso(now + 121_000)), true, 'taken over after expiry');
    });

    it('an orphaned operation is claimed by exactly one of the processes that find it', async () => {
      const podm = await seedPool(t.store.db, 0, 0);
      const past = iso(Date.now() - 1_000);
      await insertOperation(t.store.db, {
        id: `op-${podm}`, kind: 'compose', podm_id: podm, node_uuid: 'n', state: 'running', plan: '{}', error: null,
        holder: 'dead', lease_until: past, created_at: past, updated_at: past,
      });
      const [orphan] = (await orphanedOperations(t.store.db, iso(Date.now()), 'me', t.store.singleWriter)).filter((o) => o.podm_id === podm);
      assert.ok(orphan);
      const until = iso(Date.now() + 60_000);
      const won = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        claimOperation((i % 2 ? other : t.store).db, orphan, `r${i}`, until, iso(Date.now()))));
      assert.equal(won.filter(Boolean).length, 1);
      const row = await t.store.db.selectFrom('operations').select('holder').where('id', '=', orphan.id).executeTakeFirstOrThrow();
      assert.equal(row.holder, `r${won.indexOf(true)}`);
    });

    it("another live holder's operation is an orphan at once with one writer, and only after its lease with many", async () => {
      const podm = await seedPool(t.store.db, 0, 0);
      const now = Date.now();
      await insertOperation(t.store.db, {
        id: `op-${podm}`, kind: 'attach', podm_id: podm, node_uuid: 'n', state: 'running', plan: '{}', error: null,
        holder: 'them', lease_until: iso(now + 60_000), created_at: iso(now), updated_at: iso(now),
      });
      const orphans = async (at: number) => (await orphanedOperations(t.store.db, iso(at), 'me', t.store.singleWriter)).filter((o) => o.podm_id === podm).length;
      assert.equal(await orphans(now), t.store.singleWriter ? 1 : 0);
      assert.equal(await orphans(now + 61_000), 1);
    });
  });
}

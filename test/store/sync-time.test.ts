// The time a pod manager was last synced is not inventory: writing it alone leaves the pool revision
// (migration 0011), so a sync that changed nothing keeps every prepared answer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { updatePodManager } from '../../src/store/pod-managers.js';
import { readPoolRevision } from '../../src/store/pool-revision.js';
import { REVISED_POD_MANAGER_COLUMNS } from '../../src/store/migrations/0011-sync-time-apart.js';
import { BACKENDS, openTestStore, seedPool } from './support.js';

for (const backend of BACKENDS) {
  describe(`the sync time on ${backend}`, () => {
    it('written alone, leaves the pool revision; written with any other change, advances it', async () => {
      const t = await openTestStore(backend);
      try {
        const { store } = t;
        const podm = await seedPool(store.db, 1, 1);
        const write = async (patch: Parameters<typeof updatePodManager>[2]) => {
          const before = await readPoolRevision(store.db);
          await store.transaction((tx) => updatePodManager(tx, podm, patch));
          return (await readPoolRevision(store.db)) - before;
        };
        assert.equal(await write({ last_sync_at: '2026-01-01T00:00:00.000Z' }), 0);
        assert.equal(await write({ status: 'Online', status_detail: null, suspect_listing: null, last_sync_at: '2026-01-01T00:01:00.000Z' }), 0, 'the same values again');
        assert.ok(await write({ status: 'Offline', last_sync_at: '2026-01-01T00:02:00.000Z' }) > 0);
        assert.ok(await write({ description: 'rack 4' }) > 0);
      } finally {
        await t.close();
      }
    });

    it('every other column of pod_managers is compared (a new column must be added to the trigger)', async () => {
      const t = await openTestStore(backend);
      try {
        const columns = backend === 'sqlite'
          ? (await sql<{ name: string }>`select name from pragma_table_info('pod_managers')`.execute(t.store.db)).rows
          : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_name = 'pod_managers' and table_schema = current_schema()`.execute(t.store.db)).rows;
        assert.deepEqual(columns.map((c) => c.name).sort(), [...REVISED_POD_MANAGER_COLUMNS, 'last_sync_at'].sort());
      } finally {
        await t.close();
      }
    });
  });
}

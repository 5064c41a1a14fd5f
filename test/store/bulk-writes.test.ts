// What a sync of thousands of devices relies on in the store: multi-row inserts whose statements are
// built once per shape (store/bulk-insert.ts) write every row as given, in every count; events
// queued by the thousand are numbered in order; and whether another pod manager covers a board is
// answered the same whichever side of the comparison is read (store/pod-managers.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { devicesOfPodManager, insertDevices } from '../../src/store/devices.js';
import { listEvents, queueEvent } from '../../src/store/events.js';
import { podManagerCoveringBoards } from '../../src/store/pod-managers.js';
import { statementSizes } from '../../src/store/bulk-insert.js';
import { BACKENDS, freeNic, openTestStore, seedPool } from './support.js';

it('splits rows into full 256-row statements and the rest in powers of two: at most nine shapes per table', () => {
  assert.deepEqual(statementSizes(700), [256, 256, 128, 32, 16, 8, 4]);
  assert.deepEqual(statementSizes(0), []);
  const shapes = new Set<number>();
  for (let count = 1; count <= 2000; count++) {
    const sizes = statementSizes(count);
    assert.equal(sizes.reduce((a, b) => a + b, 0), count);
    for (const n of sizes) shapes.add(n);
  }
  assert.deepEqual([...shapes].sort((a, b) => a - b), [1, 2, 4, 8, 16, 32, 64, 128, 256]);
});

for (const backend of BACKENDS) {
  describe(`bulk writes in a ${backend} store`, () => {
    it('inserts 1, 300 and 513 devices (full statements and the rest in smaller ones) with every value as given', async () => {
      const t = await openTestStore(backend);
      try {
        for (const count of [1, 300, 513]) {
          const podm = await seedPool(t.store.db, 0, count);
          const rows = await devicesOfPodManager(t.store.db, podm, ['eem_id', 'state', 'pooled_group_id', 'revision', 'vendor_name', 'removed_at']);
          assert.equal(rows.length, count);
          const ids = rows.map((r) => r.eem_id).sort((a, b) => a.length - b.length || a.localeCompare(b));
          assert.deepEqual(ids, Array.from({ length: count }, (_, i) => `d${String(i).padStart(2, '0')}`));
          for (const r of rows) assert.deepEqual({ ...r, eem_id: undefined }, { eem_id: undefined, state: 'free', pooled_group_id: '4093', revision: 1, vendor_name: null, removed_at: null });
        }
      } finally {
        await t.close();
      }
    });

    it('numbers 700 events queued in one transaction 1…700, in the order they were told', async () => {
      const t = await openTestStore(backend);
      try {
        await t.store.transaction(async (tx) => {
          for (let i = 0; i < 700; i++) {
            queueEvent(tx, { at: new Date().toISOString(), kind: 'device.added', target: `d${i}`, podm_id: null, node_id: null, project_id: null, before: null, after: JSON.stringify({ i }), request_id: null, caller: null });
          }
        });
        const seen = await listEvents(t.store.db, 0, {}, 1000);
        assert.deepEqual(seen.map((e) => [e.seq, e.target, e.after]), Array.from({ length: 700 }, (_, i) => [i + 1, `d${i}`, JSON.stringify({ i })]));
      } finally {
        await t.close();
      }
    });

    it('finds the pod manager covering a board whether the boards asked about or the ones covered elsewhere are fewer', async () => {
      const t = await openTestStore(backend);
      try {
        const db = t.store.db;
        const first = await seedPool(db, 2, 3); // boards s00 s01 d00 d01 d02
        const second = await seedPool(db, 0, 0);
        const many = Array.from({ length: 40 }, (_, i) => `new${i}`);
        const name = async (boards: string[], except?: string) => (await podManagerCoveringBoards(db, boards, except))?.uuid;
        assert.equal(await name([...many, 'd01']), first, 'more boards asked about than covered: the covered ones are read');
        assert.equal(await name(['s01']), first, 'fewer asked about: each is looked up');
        assert.equal(await name(many), undefined);
        assert.equal(await name(['d01'], first), undefined, 'a pod manager does not cover its own boards against itself');
        assert.equal(await name([...many, 'd01'], first), undefined);
        await db.updateTable('devices').set({ removed_at: '2024-01-02T00:00:00.000Z' }).where('podm_id', '=', first).where('eem_id', '=', 'd02').execute();
        assert.equal(await name([...many, 'd02']), undefined, 'a board listed as removed is nobody\'s');
        assert.equal(await name(['d02']), undefined);
        // Two pod managers covering a board: the one created first is named (the second is newer).
        await sql`update pod_managers set created_at = '2023-01-01T00:00:00.000Z' where uuid = ${second}`.execute(db);
        await insertDevices(db, [freeNic(second, 'd00')]);
        assert.equal(await name([...many, 'd00']), second);
        assert.equal(await name(['d00']), second);
      } finally {
        await t.close();
      }
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { Store } from '../../src/store/database.js';
import { findDevice, freeDevices, holdDevices, listDevices, updateDevice } from '../../src/store/devices.js';
import { findNode, insertNodeIfServerFree, listNodes, updateNode } from '../../src/store/nodes.js';
import { composeCandidates } from '../../src/store/servers.js';
import { BACKENDS, barrier, nodeRow, seedPool, twoProcesses, type TestStore } from './support.js';

// The conditional writes allocation rests on, raced by transactions that overlap for real where the
// backend lets them (PostgreSQL, two pools as two replicas), and one after the other on SQLite.
for (const backend of BACKENDS) {
  describe(`reservations on ${backend}`, () => {
    let t: TestStore;
    let other: Store;
    const views = twoProcesses(backend);
    before(() => {
      ({ t, other } = views);
    });
    /** Two processes' stores, taken in turn. */
    const replica = (i: number) => (i % 2 === 0 ? t.store : other);

    it('of eight requests that all saw a server free, exactly one makes it a node', async () => {
      const podm = await seedPool(t.store.db, 1, 0);
      const together = barrier(t.store, 8);
      const won = await Promise.all(Array.from({ length: 8 }, (_, i) => replica(i).transaction(async (tx) => {
        const [server] = await composeCandidates(tx, podm, '40g', 0, 1);
        await together();
        return server !== undefined && insertNodeIfServerFree(tx, nodeRow(podm, server.eem_id, randomUUID()));
      })));
      assert.equal(won.filter(Boolean).length, 1);
      assert.equal((await listNodes(t.store.db, { podm_id: podm })).length, 1);
    });

    it('of eight requests that all saw two devices free, at most one holds them, and never one of the two alone', async () => {
      const podm = await seedPool(t.store.db, 0, 2);
      const together = barrier(t.store, 8);
      const ops = Array.from({ length: 8 }, () => randomUUID());
      const outcomes = await Promise.all(ops.map((op, i) => replica(i).transaction(async (tx) => {
        const free = await freeDevices(tx, podm, 'NIC', '40g', 2);
        await together();
        // As compose does: a shortfall aborts the transaction, so a partial hold never commits.
        if ((await holdDevices(tx, free.map((d) => d.uuid), op)) !== 2) throw new Error('busy');
        return op;
      }).catch((err: Error) => err.message)));
      const winners = outcomes.filter((o) => o !== 'busy');
      assert.ok(winners.length <= 1, `winners: ${winners.length}`);
      const holders = await Promise.all((await listDevices(t.store.db, { podm_id: podm })).map(async (d) => (await findDevice(t.store.db, d.uuid))!.held_by));
      assert.deepEqual(holders, winners.length === 1 ? [winners[0], winners[0]] : [null, null]);
    });

    it('two reservations in flight at once lock different servers and devices, and both succeed', async () => {
      const podm = await seedPool(t.store.db, 2, 2);
      const lock = t.store.rowLocks ? 'skip' : undefined;
      let picked!: () => void;
      const aPicked = new Promise<void>((resolve) => (picked = resolve));
      const bDone = { promise: Promise.resolve() };
      const reserve = (store: Store, afterPick: () => Promise<void>) => store.transaction(async (tx) => {
        const [server] = await composeCandidates(tx, podm, '40g', 1, 1, lock);
        const devices = await freeDevices(tx, podm, 'NIC', '40g', 1, lock);
        await afterPick();
        const op = randomUUID();
        assert.ok(server && devices.length === 1, 'found a server and a device');
        assert.ok(await insertNodeIfServerFree(tx, nodeRow(podm, server.eem_id, op)));
        assert.equal(await holdDevices(tx, [devices[0]!.uuid], op), 1);
        return `${server.eem_id}+${devices[0]!.eem_id}`;
      });
      // A keeps its locks until B has picked too (where both can be in flight at once).
      const a = reserve(t.store, async () => {
        picked();
        if (t.store.rowLocks) await bDone.promise;
      });
      await aPicked;
      const b = reserve(other, async () => undefined);
      bDone.promise = b.then(() => undefined);
      assert.deepEqual(new Set(await Promise.all([a, b])), new Set(['s00+d00', 's01+d01']));
    });

    it('a node locked to wait is read as the operation holding it left it', async () => {
      const podm = await seedPool(t.store.db, 1, 0);
      const node = nodeRow(podm, 's00', randomUUID());
      await t.store.transaction((tx) => insertNodeIfServerFree(tx, { ...node, held_by: null }));
      const lock = t.store.rowLocks ? 'wait' : undefined;
      let locked!: () => void;
      const aLocked = new Promise<void>((resolve) => (locked = resolve));
      const a = t.store.transaction(async (tx) => {
        await findNode(tx, node.uuid, lock);
        locked();
        await sleep(100);
        await updateNode(tx, node.uuid, { held_by: 'op-a' });
      });
      await aLocked;
      const seen = await other.transaction(async (tx) => (await findNode(tx, node.uuid, lock))!.held_by);
      await a;
      assert.equal(seen, 'op-a');
    });

    it('two transactions that deadlock both commit: the one the database aborts runs again', async () => {
      const podm = await seedPool(t.store.db, 0, 2);
      const [d0, d1] = (await listDevices(t.store.db, { podm_id: podm })).map((d) => d.uuid) as [string, string];
      const together = barrier(t.store, 2);
      let runs = 0;
      const crosswise = (store: Store, first: string, second: string) => store.transaction(async (tx) => {
        runs++;
        await updateDevice(tx, first, { updated_at: 'first' });
        await together();
        await updateDevice(tx, second, { updated_at: 'second' });
      });
      await Promise.all([crosswise(t.store, d0, d1), crosswise(other, d1, d0)]);
      assert.equal(runs, t.store.singleWriter ? 2 : 3);
      for (const uuid of [d0, d1]) assert.equal((await findDevice(t.store.db, uuid))!.revision, 3, 'both changes applied');
    });
  });
}

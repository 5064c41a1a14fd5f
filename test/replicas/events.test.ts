// Two replicas on one PostgreSQL write events concurrently: one sequence, gap-free, each event once,
// and a stream on either replica carries every event, also those the other one wrote.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { http, podManagerBody } from '../../support/stack.js';
import { collect, gapFree, type WireEvent } from '../support/events.js';
import { replicaWorld, startReplica, type Replica } from './support.js';

describe('events from two replicas on one PostgreSQL', { timeout: 180_000 }, () => {
  const world = replicaWorld({ servers: 10, devices: 30, seed: 3 }, 'covalence-replica-events-');

  it('concurrent changes on both: one gap-free sequence, and both streams see every event once', async () => {
    const { sim, database, dir, replicas } = world;
    const key = join(dir, 'secret.key');
    replicas.push(await startReplica(database.url, key, ['--event-poll', '1']));
    replicas.push(await startReplica(database.url, key, ['--event-poll', '1']));
    const [a, b] = replicas as [Replica, Replica];
    const streams = [collect(`${a.api}/v1/events/stream?since=0`), collect(`${b.api}/v1/events/stream?since=0`)];
    try {
      const podm = (await http(`${a.api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid as string;
      const changes = 40;
      await Promise.all(Array.from({ length: 8 }, async (_, client) => {
        for (let i = client; i < changes; i += 8) {
          const api = replicas[i % 2]!.api;
          assert.equal((await http(`${api}/v1/pod_managers/${podm}`, 'PATCH', { description: `change ${i}` })).status, 200);
          if (i % 10 === 0) await http(`${api}/v1/nodes`, 'POST', { name: `n${i}`, podm_id: podm, properties: { pci_device: { type: ['NIC'] } } });
        }
      }));
      const all = (await http(`${b.api}/v1/events?since=0&limit=1000`, 'GET')).body as WireEvent[];
      assert.equal(all[0]!.seq, 1);
      assert.ok(gapFree(all), `gap-free: ${all.map((e) => e.seq).join(',')}`);
      assert.equal(all.filter((e) => e.kind === 'pod_manager.updated').length, changes);
      for (const stream of streams) {
        const seen = await stream.until((es) => es.at(-1)?.seq === all.at(-1)!.seq, 15_000);
        assert.deepEqual(seen.map((e) => e.seq), all.map((e) => e.seq), 'every event once, in order');
      }
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  });
});

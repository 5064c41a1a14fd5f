import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import pg from 'pg';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody } from '../../support/stack.js';
import { replicaWorld, startReplica, type Replica } from './support.js';

describe('a compose that outlives its lease, with a second replica watching', { timeout: 120_000 }, () => {
  const world = replicaWorld({ servers: 3, devices: 30, seed: 11 }, 'covalence-heartbeat-');

  it('keeps its lease by a heartbeat: the other replica never claims it, and it answers 200', async () => {
    const { sim, database, dir, replicas } = world;
    const key = join(dir, 'secret.key');
    // A 1 s lease; the watcher's recovery looks every half second.
    const flags = ['--lease', '1', '--sync-interval', '0'];
    replicas.push(await startReplica(database.url, key, flags), await startReplica(database.url, key, flags));
    const [worker] = replicas as [Replica, Replica];
    const podm = (await http(`${worker.api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid as string;
    const free = (await http(`${worker.api}/v1/devices`, 'GET')).body as Array<{ type: string | null; state: string }>;
    const types = free.filter((d) => d.type !== null && d.state === 'free').slice(0, 8).map((d) => d.type!);
    assert.ok(types.length >= 6, `enough typed devices: ${types.length}`);

    const simAuth = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };
    assert.equal((await http(`${sim.origin}/_sim/faults`, 'POST', { path: '/', latency_ms: 200, count: 10_000 }, simAuth)).status, 201);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const holders = new Set<string>();
    const lapses: string[] = [];
    let done = false;
    const watching = (async () => {
      while (!done) {
        const rows = (await client.query<{ holder: string; lease_until: string; state: string }>("select holder, lease_until, state from operations where kind = 'compose'")).rows;
        for (const row of rows) {
          holders.add(row.holder);
          if (row.state === 'running' && Date.parse(row.lease_until) < Date.now()) lapses.push(row.lease_until);
        }
        await sleep(50);
      }
    })();
    const started = Date.now();
    const answer = await http(`${worker.api}/v1/nodes`, 'POST', { podm_id: podm, name: 'long', properties: { pci_device: { type: types } } });
    const ms = Date.now() - started;
    done = true;
    await watching;
    await http(`${sim.origin}/_sim/faults`, 'DELETE', undefined, simAuth);
    const rows = (await client.query<{ state: string }>("select state from operations where kind = 'compose'")).rows;
    await client.end();

    assert.equal(answer.status, 200, answer.text);
    assert.ok(ms > 1_500, `the compose outlived its 1 s lease (${ms} ms)`);
    assert.deepEqual(lapses, [], 'the lease was renewed while the compose ran');
    assert.equal(holders.size, 1, 'one holder from start to end: the other replica never claimed it');
    assert.deepEqual(rows.map((r) => r.state), ['done']);
    const shown = (await http(`${worker.api}/v1/nodes/${answer.body.uuid}`, 'GET')).body;
    assert.equal(shown.state, 'composed');
    assert.equal(shown.devices.length, types.length);
    const group = sim.fabric.get(answer.body.index)!.group_id;
    assert.equal(sim.fabric.list({ status: 'eeio' }).filter((d) => d.group_id === group).length, types.length, 'the fabric has every device in the node');
  });
});

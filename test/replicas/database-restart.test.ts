import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { startEemSim } from '../../src/sim/eem/index.js';
import { createDatabase, ownPostgres } from '../../support/postgres.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, type Answer } from '../../support/stack.js';
import { assertFabricAgrees, settled, startReplica } from './support.js';

/** Its own server, so that stopping it disturbs no other test. */
const PORT = 55433;

describe('PostgreSQL restarting under load', { timeout: 180_000 }, () => {
  it('reads and writes answer 503 while the database is away, and the same process serves again when it is back', async (t) => {
    const server = await ownPostgres(PORT);
    const database = await createDatabase(server.url);
    const sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 10, devices: 30, seed: 3 } } });
    const dir = mkdtempSync(join(tmpdir(), 'covalence-pg-restart-'));
    const replica = await startReplica(database.url, join(dir, 'secret.key'), ['--sync-interval', '1']);
    t.after(async () => {
      replica.running.child.kill('SIGKILL');
      await replica.running.exited;
      await sim.close();
      await server.start();
      await database.drop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const { api } = replica;
    const podm = (await http(`${api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid as string;

    // Four clients: listings, and compose-then-decompose cycles, until told to stop.
    const seen: Answer[] = [];
    let loading = true;
    const record = async (request: Promise<Answer>) => {
      const answer = await request;
      seen.push(answer);
      return answer;
    };
    const reader = async () => {
      while (loading) {
        await record(http(`${api}/v1/devices`, 'GET'));
        await record(http(`${api}/v1/nodes`, 'GET'));
      }
    };
    const composer = async (c: number) => {
      for (let i = 0; loading; i++) {
        const made = await record(http(`${api}/v1/nodes`, 'POST', { podm_id: podm, name: `c${c}-${i}`, properties: { pci_device: { type: ['NIC'] } } }));
        if (made.status === 200) await record(http(`${api}/v1/nodes/${made.body.uuid}`, 'DELETE'));
      }
    };
    const load = Promise.all([reader(), reader(), composer(1), composer(2)]);
    const servedAgain = async () => {
      for (let i = 0; i < 100 && (await http(`${api}/v1/devices`, 'GET')).status !== 200; i++) await sleep(100);
      assert.equal((await http(`${api}/v1/devices`, 'GET')).status, 200, 'serving again');
    };
    await sleep(500);

    await server.stop();
    for (const answer of [
      await http(`${api}/v1/devices`, 'GET'),
      await http(`${api}/v1/nodes`, 'POST', { podm_id: podm, name: 'while-down', properties: { pci_device: { type: [] } } }),
    ]) {
      assert.equal(answer.status, 503, answer.text);
      assert.equal(answer.body.title, 'Database Unavailable');
      assert.match(answer.body.detail, /^the database is unavailable \(.+\); covalence reconnects by itself, try again shortly\.$/);
      assert.ok(answer.body.request_id);
    }
    assert.equal((await http(`${api}/readyz`, 'GET')).status, 503);
    await sleep(500);
    await server.start();
    await servedAgain();

    await sleep(500);
    await server.restart();
    await servedAgain();
    await sleep(500);
    loading = false;
    await load;

    assert.equal(replica.running.child.exitCode, null, 'covalence never exited');
    assert.equal((await http(`${api}/readyz`, 'GET')).status, 200);
    const statuses = new Map<number, number>();
    for (const a of seen) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    t.diagnostic(`answers under load: ${JSON.stringify(Object.fromEntries(statuses))}`);
    for (const a of seen) {
      assert.ok([200, 404, 409, 503].includes(a.status), `${a.status} ${a.text}`);
      if (a.status === 503) assert.equal(a.body.title, 'Database Unavailable', a.text);
    }
    assert.ok(statuses.get(503), 'the load met the outage');
    // What was cut short is settled by the same process once its own lease (3 s) runs out.
    await settled(database.url, 20_000);
    await assertFabricAgrees(sim, api, podm);
  });
});

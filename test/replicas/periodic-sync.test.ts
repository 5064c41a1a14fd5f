import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { startEemSim } from '../../src/sim/eem/index.js';
import { createDatabase } from '../../support/postgres.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody } from '../../support/stack.js';
import { startReplica, type Replica } from './support.js';

describe('periodic sync over two replicas', { timeout: 180_000 }, () => {
  it('is spread over them: a pod manager is synced about once per interval, not once per replica', async (t) => {
    const sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 4, devices: 16, seed: 2 } } });
    const database = await createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'covalence-periodic-'));
    const replicas: Replica[] = [];
    t.after(async () => {
      for (const r of replicas) r.running.child.kill('SIGKILL');
      await Promise.all(replicas.map((r) => r.running.exited));
      await sim.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    for (let i = 0; i < 2; i++) replicas.push(await startReplica(database.url, join(dir, 'key'), ['--sync-interval', '1']));
    assert.equal((await http(`${replicas[0]!.api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).status, 200);
    const auth = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };
    await http(`${sim.origin}/_sim/stats`, 'DELETE', undefined, auth);
    await sleep(6_000);
    const { calls } = (await http(`${sim.origin}/_sim/stats`, 'GET', undefined, auth)).body as { calls: Record<string, number> };
    const syncs = (calls['GET devices/detail'] ?? 0) / 2; // a sync lists servers and devices: two calls
    t.diagnostic(`${syncs} syncs in 6 s by two replicas ticking every second`);
    assert.ok(syncs >= 2, `periodic sync ran (${syncs})`);
    assert.ok(syncs <= 9, `not repeated by each replica: ${syncs} syncs where each alone would make 6`);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { createDatabase, type TestDatabase } from '../../support/postgres.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody } from '../../support/stack.js';
import { startReplica, type Replica } from './support.js';

interface Brief { uuid: string; resource_uri: string; state: string; node_id: string | null }

/** Each replica prepares its answers per pool revision; the revision lives in the database, so another replica's write is seen at once. */
describe('answers prepared per revision, across two replicas on one PostgreSQL', { timeout: 120_000 }, () => {
  let sim: EemSim;
  let database: TestDatabase;
  let dir: string;
  let a: Replica;
  let b: Replica;
  let podm: string;
  const tags = new Map<string, string>();
  /** The listing on one replica, revalidated with the ETag that replica gave last. */
  const listing = async (r: Replica): Promise<Brief[]> => {
    const res = await http(`${r.api}/v1/devices`, 'GET', undefined, tags.has(r.api) ? { 'if-none-match': tags.get(r.api)! } : {});
    assert.equal(res.status, 200, `${r.api}: the pool changed, so its listing is answered in full`);
    tags.set(r.api, res.headers.get('etag')!);
    return res.body;
  };
  const device = (list: Brief[], eemId: string) => list.find((d) => d.resource_uri === `devices/${eemId}`)!;

  before(async () => {
    sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { named: 'valence-fixtures' } });
    database = await createDatabase();
    dir = mkdtempSync(join(tmpdir(), 'covalence-revision-'));
    const key = join(dir, 'secret.key');
    a = await startReplica(database.url, key, ['--sync-interval', '0']);
    b = await startReplica(database.url, key, ['--sync-interval', '0']);
    podm = (await http(`${a.api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid as string;
    await listing(a);
    await listing(b);
  });
  after(async () => {
    for (const r of [a, b]) r?.running.child.kill('SIGKILL');
    await Promise.all([a, b].map((r) => r?.running.exited));
    await sim.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compose, attach, detach and sync on one replica show in the next listing of the other', async () => {
    const node = (await http(`${a.api}/v1/nodes`, 'POST', { podm_id: podm, name: 'n', properties: { pci_device: { type: ['NIC'] } } })).body;
    assert.equal(device(await listing(b), '0x7777777777').node_id, node.index);

    const gpu = device(await listing(a), '0x9999999999');
    assert.equal((await http(`${b.api}/v1/nodes/${node.uuid}/action`, 'POST', { attach: { resource_id: gpu.uuid } })).status, 204);
    assert.equal(device(await listing(a), '0x9999999999').node_id, node.index);

    assert.equal((await http(`${a.api}/v1/nodes/${node.uuid}/action`, 'POST', { detach: { resource_id: gpu.uuid } })).status, 204);
    assert.equal(device(await listing(b), '0x9999999999').state, 'free');

    await http(`${sim.origin}/_sim/devices`, 'POST', { status: 'eeio', id: '0x8cdf9d0000bb', type: '40g' },
      { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` });
    assert.equal((await http(`${b.api}/v1/devices/sync`, 'POST', { podm_id: podm })).status, 200);
    assert.ok(device(await listing(a), '0x8cdf9d0000bb'));
    assert.equal(tags.get(a.api), (await http(`${b.api}/v1/devices`, 'GET')).headers.get('etag'), 'one revision, one ETag on every replica');
  });
});

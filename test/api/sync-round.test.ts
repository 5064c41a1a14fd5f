// One failing pod manager does not stop the sync of the others (issue 14): the periodic sync and
// a sync of all pod managers report and log each failure and go on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, startStack, type Stack } from '../../support/stack.js';

const basic = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };

describe('a round of syncs', { timeout: 60_000 }, () => {
  let s: Stack;
  let other: EemSim;
  let broken: string;
  let healthy: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'covalence-round-'));
  before(async () => {
    other = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 2, devices: 2, seed: 9 } } });
    const first = await startStack({ dataDir });
    broken = await first.addPodManager('first');
    healthy = (await first.call('POST', '/v1/pod_managers', podManagerBody(other.url, 'second'))).body.uuid;
    // The first pod manager's stored password no longer opens (sealed under a lost key): its sync
    // throws before any EEM is called. A restart starts with no driver at hand for it.
    const db = first.service.core.store.db;
    const { password_sealed } = await db.selectFrom('pod_managers').select('password_sealed').where('uuid', '=', broken).executeTakeFirstOrThrow();
    const [version, iv, tag] = password_sealed.split(':');
    await db.updateTable('pod_managers').set({ password_sealed: `${version}:${iv}:${tag}:${Buffer.from('lost').toString('base64')}` }).where('uuid', '=', broken).execute();
    await first.close();
    s = await startStack({ dataDir, config: { syncInterval: 1 } });
  });
  after(async () => {
    await s.close();
    await other.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a sync of every pod manager reports the one that failed and syncs the others', async () => {
    const r = await s.call('POST', '/v1/devices/sync');
    assert.equal(r.status, 200, r.text);
    const byPodm = new Map(r.body.map((x: { podm_id: string }) => [x.podm_id, x]));
    assert.equal((byPodm.get(broken) as { status: string }).status, 'FAILED');
    assert.match((byPodm.get(broken) as { detail: string }).detail, /pod manager first .*cannot be opened/);
    assert.equal((byPodm.get(healthy) as { status: string }).status, 'SUCCESS');
  });

  it('the periodic sync goes on past a pod manager whose sync fails', async () => {
    const plugged = await http(`${other.origin}/_sim/devices`, 'POST', { status: 'eeio', id: '0x8cdf9d0000aa', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x15b3', pcie_device_id: '0x1017' }, basic);
    assert.equal(plugged.status, 201, plugged.text);
    const until = Date.now() + 15_000;
    for (;;) {
      const found = (await s.call('GET', `/v1/devices?podm_id=${healthy}`)).body.some((d: { resource_uri: string }) => d.resource_uri === 'devices/0x8cdf9d0000aa');
      if (found) break;
      assert.ok(Date.now() < until, 'the periodic sync reached the second pod manager');
      await sleep(200);
    }
  });
});

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Asks /readyz until `ok` holds of its first pod manager, for at most `ms`. */
async function readyzUntil(s: Stack, ok: (p: Record<string, unknown>) => boolean, ms = 8_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await s.call('GET', '/readyz');
    if (ok(r.body.pod_managers[0]) || Date.now() > deadline) return r;
    await sleep(200);
  }
}

describe('/readyz checks each EEM on a short schedule of its own', () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ config: { eemProbeInterval: 1 } });
    await s.addPodManager();
  });
  after(() => s.close());

  it('a dead EEM shows as Offline within seconds, without a sync; Online again once it answers', async () => {
    const first = await readyzUntil(s, (p) => p.last_probe_at !== null);
    assert.equal(first.body.pod_managers[0].status, 'Online');
    assert.match(first.body.pod_managers[0].last_probe_at, ISO);

    await s.simControl('POST', '/_sim/faults', { path: 'api_version', drop: true, count: 1000 });
    try {
      const dead = await readyzUntil(s, (p) => p.status === 'Offline');
      assert.equal(dead.status, 200, 'an EEM being down does not make covalence unready');
      assert.equal(dead.body.pod_managers[0].status, 'Offline');
      assert.match(dead.body.pod_managers[0].detail, /could not be reached|did not answer/);
      assert.match(dead.body.pod_managers[0].last_sync_at, ISO, 'the last sync is older, and still says when it was');
    } finally {
      await s.simControl('DELETE', '/_sim/faults');
    }
    const back = await readyzUntil(s, (p) => p.status === 'Online');
    assert.equal(back.body.pod_managers[0].status, 'Online');
    assert.equal(back.body.pod_managers[0].detail, null);
  });

  it('says where device names come from', async () => {
    const r = await s.call('GET', '/readyz');
    assert.equal(r.body.pci_ids.ok, true);
    assert.match(r.body.pci_ids.path, /pci\.ids$/);
  });
});

describe('/readyz without a PCI ID database', () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ config: { pciIds: '/nonexistent/pci.ids' } });
  });
  after(() => s.close());

  it('says that device names stay empty, and stays ready', async () => {
    const r = await s.call('GET', '/readyz');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.pci_ids, { ok: false, path: null, looked: ['/nonexistent/pci.ids'] });
  });
});

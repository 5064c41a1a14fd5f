import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openStore } from '../../src/store/database.js';
import { startStack, type Stack } from '../../support/stack.js';

interface Brief { uuid: string; resource_uri: string; state: string; node_id: string | null; pooled_group_id: string; type: string | null }

describe('sync keeps the pool in step with the fabric', () => {
  let s: Stack;
  let podm: string;
  const devices = async (): Promise<Brief[]> => (await s.call('GET', '/v1/devices')).body;
  const device = async (eemId: string) => (await devices()).find((d) => d.resource_uri === `devices/${eemId}`);
  const sync = async () => (await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0];

  before(async () => {
    s = await startStack({ config: { removedGrace: 1 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());
  beforeEach(async () => {
    await s.simControl('POST', '/_sim/reset');
    await sync();
  });

  it("answers Valence's [{podm_id, status}] with what changed; a second sync changes nothing", async () => {
    const again = await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, [{ podm_id: podm, status: 'SUCCESS', servers: 3, added: 0, updated: 0, offline: 0, removed: 0, unchanged: 7, deferred: 0 }]);
  });

  it('a write to the store by another process between two syncs is compared, not what the last sync read', async () => {
    // A sync of an unchanged pool compares the listing with the rows the last one read (core/pool/known-devices.ts).
    assert.equal((await sync()).unchanged, 7);
    const [first] = await devices();
    const other = await openStore(s.dbUrl);
    try {
      await other.db.updateTable('devices').set({ state: 'offline', revision: sql`revision + 1` }).where('uuid', '=', first!.uuid).execute();
    } finally {
      await other.close();
    }
    assert.equal((await devices()).find((d) => d.uuid === first!.uuid)?.state, 'offline');
    const again = await sync();
    assert.deepEqual([again.updated + again.offline, again.unchanged], [1, 6], JSON.stringify(again));
    assert.equal((await devices()).find((d) => d.uuid === first!.uuid)?.state, first!.state, 'the fabric\'s state again');
  });

  it('without a body, syncs every pod manager; an unknown pod manager is a 404', async () => {
    const all = await s.call('POST', '/v1/devices/sync');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.map((r: { podm_id: string }) => r.podm_id), [podm]);
    const unknown = await s.call('POST', '/v1/devices/sync', { podm_id: 'nope' });
    assert.equal(unknown.status, 404);
    const extra = await s.call('POST', '/v1/devices/sync', { podm_id: podm, colour: 1 });
    assert.equal(extra.status, 400);
  });

  it('a hot-plugged device is added with a new uuid', async () => {
    const plug = await s.simControl('POST', '/_sim/devices', { status: 'eeio', id: '0x8cdf9d000001', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x15b3', pcie_device_id: '0x1017' });
    assert.equal(plug.status, 201, plug.text);
    const r = await sync();
    assert.equal(r.added, 1);
    const d = await device('0x8cdf9d000001');
    assert.equal(d?.type, 'NIC');
    assert.equal(d?.state, 'free');
  });

  it('an unplugged device is marked removed, keeps its uuid if it comes back in the grace period, and is forgotten after it', async () => {
    const before = await device('0x9999999999');
    const saved = s.sim.fabric.get('0x9999999999')!;
    await s.simControl('DELETE', '/_sim/devices/0x9999999999');
    assert.equal((await sync()).removed, 1);
    assert.equal((await device('0x9999999999'))?.state, 'removed');
    await s.simControl('POST', '/_sim/devices', saved);
    await sync();
    const back = await device('0x9999999999');
    assert.equal(back?.uuid, before?.uuid);
    assert.equal(back?.state, 'free');
    await s.simControl('DELETE', '/_sim/devices/0x9999999999');
    await sync();
    await sleep(1100);
    await sync();
    assert.equal(await device('0x9999999999'), undefined);
  });

  it('a link flap keeps the uuid: offline while down, free again when up', async () => {
    const before = await device('0x7777777777');
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { notification_status0: ['down', 'down'] });
    assert.equal((await sync()).offline, 1);
    const down = await device('0x7777777777');
    assert.equal(down?.state, 'offline');
    assert.equal(down?.uuid, before?.uuid);
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { notification_status0: ['up', 'up'] });
    await sync();
    const up = await device('0x7777777777');
    assert.equal(up?.state, 'free');
    assert.equal(up?.uuid, before?.uuid);
  });

  it('an operator-disabled device is offline', async () => {
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { admin_status: 'disable' });
    await sync();
    assert.equal((await device('0x7777777777'))?.state, 'offline');
  });

  it('an out-of-band group change is picked up: allocated to the server that owns the group, and back', async () => {
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { group_id: '1234' });
    assert.equal((await sync()).updated, 1);
    const moved = await device('0x7777777777');
    assert.equal(moved?.state, 'allocated');
    assert.equal(moved?.node_id, '0x1111111111');
    assert.equal(moved?.pooled_group_id, '1234');
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { group_id: '4093' });
    await sync();
    assert.equal((await device('0x7777777777'))?.node_id, null);
  });

  it('an EEM error mid-sync (on the device listing) reports FAILED and changes nothing', async () => {
    const snapshot = await devices();
    await s.simControl('PATCH', '/_sim/devices/0x7777777777', { group_id: '1234' });
    for (const fault of [
      { path: 'devices/detail', status: 500, code: '50000', message: 'internal' },
      { path: 'devices/detail', status: 200, body: 'not json' },
      { path: 'devices/detail', drop: true },
    ]) {
      await s.simControl('POST', '/_sim/faults', { ...fault, skip: 1, count: 2 });
      const r = await sync();
      assert.equal(r.status, 'FAILED', JSON.stringify(fault));
      assert.match(r.detail, /pod manager podm1/);
      assert.deepEqual(await devices(), snapshot);
      await s.simControl('DELETE', '/_sim/faults');
    }
  });

  it('a malformed listing (a device without an id) is FAILED, not a crash', async () => {
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', status: 200, body: '{"devices": [{"status": "eeio"}]}', count: 4 });
    const r = await sync();
    assert.equal(r.status, 'FAILED');
    assert.match(r.detail, /malformed/);
    await s.simControl('DELETE', '/_sim/faults');
  });

  it('sync never overwrites an attach that finished after it read the EEM', async () => {
    const node = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x3333333333' });
    const nic = await device('0x7777777777');
    // The sync reads the store, then waits on a slow EEM listing while the attach completes.
    await s.simControl('POST', '/_sim/faults', { method: 'GET', path: 'devices/detail', latency_ms: 400, count: 2 });
    await s.simControl('DELETE', '/_sim/stats');
    const slowSync = sync();
    const listings = async () => (await s.simControl('GET', '/_sim/stats')).body.calls['GET devices/detail'] ?? 0;
    for (let i = 0; i < 100 && (await listings()) < 2; i++) await sleep(10); // the sync now waits on the EEM
    await s.simControl('DELETE', '/_sim/faults');
    const attach = await s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: nic!.uuid } });
    assert.equal(attach.status, 204, attach.text);
    const report = await slowSync;
    assert.equal(report.status, 'SUCCESS');
    assert.equal(report.deferred, 1, 'the attached device was left alone');
    const after = await device('0x7777777777');
    assert.equal(after?.state, 'allocated');
    assert.equal(after?.node_id, '0x3333333333');
    await s.call('DELETE', `/v1/nodes/${node.body.uuid}`);
  });
});

describe('sync cost', () => {
  for (const [servers, devices] of [[4, 10], [100, 1000]] as const) {
    it(`costs the same two EEM calls for ${devices} devices`, async () => {
      const s = await startStack({ topology: { generate: { servers, devices, seed: 7 } } });
      try {
        const podm = await s.addPodManager();
        assert.equal((await s.call('GET', '/v1/devices')).body.length, devices);
        await s.simControl('DELETE', '/_sim/stats');
        const r = await s.call('POST', '/v1/devices/sync', { podm_id: podm });
        assert.equal(r.body[0].status, 'SUCCESS');
        const stats = (await s.simControl('GET', '/_sim/stats')).body;
        assert.deepEqual(stats, { total: 2, calls: { 'GET devices/detail': 2 } });
      } finally {
        await s.close();
      }
    });
  }
});

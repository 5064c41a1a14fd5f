// An EEM reset to an empty listing, or answering half of one, is not taken as truth at once (issue
// 14, case 6): the sync says SUSPECT, nothing changes, /readyz and /metrics show it, and only a
// second listing read after the confirmation delay that lists the same boards is applied.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EEM_PASSWORD, EEM_USER, http, startStack, type Stack } from '../../support/stack.js';

const basic = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };

describe('distrusted listings', { timeout: 120_000 }, () => {
  let s: Stack;
  let podm: string;
  let node: string;
  const devices = async () => (await s.call('GET', `/v1/devices?podm_id=${podm}`)).body as Array<{ state: string }>;
  const nodeShown = async () => (await s.call('GET', `/v1/nodes/${node}`)).body;
  const sync = async () => (await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0];
  const readyz = async () => (await s.call('GET', '/readyz')).body.pod_managers.find((p: { uuid: string }) => p.uuid === podm);
  const suspectGauge = async () => Number(/^covalence_pod_manager_listing_suspect\{podm="podm1"\} (\d+)$/m.exec((await s.call('GET', '/metrics')).text)?.[1]);
  /** The EEM answers every listing with these boards (the driver keeps servers and devices apart by status). */
  const answerListing = (boards: unknown[]) => s.simControl('POST', '/_sim/faults', { method: 'GET', path: 'devices/detail', status: 200, body: { devices: boards }, count: 1000 });

  before(async () => {
    s = await startStack({ topology: { generate: { servers: 4, devices: 8, seed: 3 } }, config: { listingConfirmDelay: 1 } });
  });
  after(() => s.close());
  beforeEach(async () => {
    await s.simControl('DELETE', '/_sim/faults');
    await s.simControl('POST', '/_sim/reset');
    for (const p of (await s.call('GET', '/v1/pod_managers')).body) await s.call('DELETE', `/v1/pod_managers/${p.uuid}?forget=true`);
    podm = await s.addPodManager('podm1');
    const made = await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(made.status, 200, made.text);
    node = made.body.uuid;
  });

  it('an empty listing is SUSPECT and changes nothing, /readyz and /metrics say so, and an agreeing listing after the delay is applied', async () => {
    const before = { devices: await devices(), node: await nodeShown() };
    await answerListing([]);
    const suspect = await sync();
    assert.equal(suspect.status, 'SUSPECT', JSON.stringify(suspect));
    assert.match(suspect.detail, /lists no server where 4 were known/);
    assert.deepEqual({ devices: await devices(), node: await nodeShown() }, before, 'no device or node changed');
    assert.match((await readyz()).suspect_listing.reason, /no server/);
    assert.equal(await suspectGauge(), 1);
    assert.match((await s.call('GET', `/v1/pod_managers/${podm}`)).body.status_detail, /listing not applied/);

    // Nobody syncs: covalence reads the EEM again once the delay is over, and the listing still agrees.
    const until = Date.now() + 10_000;
    while ((await devices()).some((d) => d.state !== 'removed')) {
      assert.ok(Date.now() < until, 'the confirmed listing was applied');
      await sleep(100);
    }
    assert.equal((await readyz()).suspect_listing, null);
    assert.equal(await suspectGauge(), 0);
  });

  it('a listing that drops more than half the devices is SUSPECT until one read after the delay agrees; a plausible one clears it', async () => {
    const before = await devices();
    const all = (await http(`${s.sim.url}/devices/detail`, 'GET', undefined, basic)).body.devices as Array<{ status: string }>;
    const half = [...all.filter((b) => b.status === 'eesv'), ...all.filter((b) => b.status === 'eeio').slice(0, 3)];
    await answerListing(half);
    const suspect = await sync();
    assert.equal(suspect.status, 'SUSPECT', JSON.stringify(suspect));
    assert.match(suspect.detail, /drops 5 of the 8 known devices \(more than 50%\)/);
    assert.equal((await sync()).status, 'SUSPECT', 'too early to confirm');
    assert.deepEqual(await devices(), before);

    await s.simControl('DELETE', '/_sim/faults');
    assert.equal((await sync()).status, 'SUCCESS', 'the whole listing again: plausible');
    assert.equal((await readyz()).suspect_listing, null, 'and the suspicion is gone');
    assert.deepEqual(await devices(), before);

    await answerListing(half);
    assert.equal((await sync()).status, 'SUSPECT');
    await sleep(1_100);
    const confirmed = await sync();
    assert.equal(confirmed.status, 'SUCCESS', JSON.stringify(confirmed));
    assert.equal((await devices()).filter((d) => d.state === 'removed').length, 5, 'applied, by this sync or the confirmation before it');
  });
});

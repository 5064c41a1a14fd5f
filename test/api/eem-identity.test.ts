// One EEM is one pod manager, known by its boards, not by its URL (issue 14, case 2): a second
// spelling of an EEM's URL is refused, a sync that lists another pod manager's boards changes
// nothing, PATCH url re-points only to the same EEM, and an EEM gone for good can be forgotten.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, startStack, type Stack } from '../../support/stack.js';

const basic = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };
const otherEem = () => startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 2, devices: 3, seed: 5 } } });

describe('EEM identity', { timeout: 120_000 }, () => {
  let s: Stack;
  let other: EemSim;
  before(async () => {
    s = await startStack();
    other = await otherEem();
  });
  after(async () => {
    await other.close();
    await s.close();
  });
  beforeEach(async () => {
    await s.simControl('DELETE', '/_sim/faults');
    await http(`${other.origin}/_sim/faults`, 'DELETE', undefined, basic);
    for (const p of (await s.call('GET', '/v1/pod_managers')).body) await s.call('DELETE', `/v1/pod_managers/${p.uuid}?forget=true`);
  });

  const devices = async (podm: string) => (await s.call('GET', `/v1/devices?podm_id=${podm}`)).body as unknown[];

  for (const [spelling, url] of [
    ['localhost for 127.0.0.1', () => s.sim.url.replace('127.0.0.1', 'localhost')],
    ['a trailing slash', () => `${s.sim.url}/`],
  ] as const) {
    it(`the same EEM registered again with ${spelling} is a 409 naming the first, and nothing is stored`, async () => {
      const first = await s.addPodManager('podm1');
      const again = await s.call('POST', '/v1/pod_managers', podManagerBody(url(), 'podm2'));
      assert.equal(again.status, 409, again.text);
      assert.equal(again.body.title, 'Conflict');
      assert.ok(again.body.detail.includes(`pod manager podm1 (${first}`), again.body.detail);
      assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body.map((p: { name: string }) => p.name), ['podm1']);
    });
  }

  it('the same EEM registered twice at once under two spellings: its boards are covered once, whichever wins', async () => {
    const boards = (await http(`${s.sim.url}/devices/detail`, 'GET', undefined, basic)).body.devices.length as number;
    for (let round = 0; round < 3; round += 1) {
      for (const p of (await s.call('GET', '/v1/pod_managers')).body) await s.call('DELETE', `/v1/pod_managers/${p.uuid}?forget=true`);
      // Both creations read the EEM (two listings each) at once, then both go on to their first sync side by side.
      await s.simControl('POST', '/_sim/faults', { method: 'GET', path: 'devices/detail', latency_ms: 200, count: 4 });
      const made = await Promise.all([
        s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'a')),
        s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url.replace('127.0.0.1', 'localhost'), 'b')),
      ]);
      await s.simControl('DELETE', '/_sim/faults');
      const listed = (await s.call('GET', '/v1/pod_managers')).body as Array<{ uuid: string; status: string }>;
      const covering: string[] = [];
      for (const p of listed) if ((await devices(p.uuid)).length > 0) covering.push(p.uuid);
      assert.equal(covering.length, 1, `one pod manager covers the EEM's boards (creations answered ${made.map((m) => m.status).join(', ')})`);
      const listedDevices = (await s.call('GET', '/v1/devices')).body.length as number;
      assert.ok(listedDevices <= boards, `no board listed twice: ${listedDevices} devices for ${boards} boards`);
      for (const p of listed.filter((x) => x.uuid !== covering[0])) assert.equal(p.status, 'Conflict', 'the other one says why it has nothing');
    }
  });

  it("a sync whose listing holds another pod manager's boards fails with status Conflict naming it, and changes nothing", async () => {
    const first = await s.addPodManager('podm1');
    const second = (await s.call('POST', '/v1/pod_managers', podManagerBody(other.url, 'podm2'))).body.uuid as string;
    const before = { first: await devices(first), second: await devices(second) };
    // The second EEM now answers with the first one's boards (as if it were re-cabled to them).
    const listing = (await http(`${s.sim.url}/devices/detail`, 'GET', undefined, basic)).body;
    await http(`${other.origin}/_sim/faults`, 'POST', { method: 'GET', path: 'devices/detail', status: 200, body: listing, count: 1000 }, basic);
    const synced = await s.call('POST', '/v1/devices/sync', { podm_id: second });
    assert.equal(synced.body[0].status, 'FAILED', synced.text);
    const shown = (await s.call('GET', `/v1/pod_managers/${second}`)).body;
    assert.equal(shown.status, 'Conflict');
    assert.ok(shown.status_detail.includes(`pod manager podm1 (${first}`), shown.status_detail);
    assert.deepEqual({ first: await devices(first), second: await devices(second) }, before, 'no device changed on either pod manager');
    await http(`${other.origin}/_sim/faults`, 'DELETE', undefined, basic);
    assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: second })).body[0].status, 'SUCCESS');
    assert.equal((await s.call('GET', `/v1/pod_managers/${second}`)).body.status, 'Online', 'its own listing again: Online');
  });

  it('PATCH url re-points a pod manager to another address of the same EEM, and sync works there', async () => {
    const uuid = await s.addPodManager('podm1');
    const url = s.sim.url.replace('127.0.0.1', 'localhost');
    const patched = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { url });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.url, url);
    const synced = await s.call('POST', '/v1/devices/sync', { podm_id: uuid });
    assert.equal(synced.body[0].status, 'SUCCESS', synced.text);
    assert.equal(synced.body[0].added, 0, 'the same boards: no device is new');
  });

  it('PATCH url to another EEM is a 409, to an unreachable address a 503, and the url stays', async () => {
    const uuid = await s.addPodManager('podm1');
    const another = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { url: other.url });
    assert.equal(another.status, 409, another.text);
    assert.match(another.body.detail, /is not the one of pod manager podm1/);
    const gone = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { url: 'http://127.0.0.1:1/eem' });
    assert.equal(gone.status, 503, gone.text);
    assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).body.url, s.sim.url);
  });

  it('DELETE ?forget=true drops a pod manager whose EEM is gone, with its nodes and pool, without calling it; audited', async () => {
    const doomed = await otherEem();
    const uuid = (await s.call('POST', '/v1/pod_managers', podManagerBody(doomed.url, 'doomed'))).body.uuid as string;
    const node = await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: uuid, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(node.status, 200, node.text);
    await doomed.close();
    const forced = await s.call('DELETE', `/v1/pod_managers/${uuid}?force=true`);
    assert.equal(forced.status, 503, 'force still needs the EEM, to decompose');
    const forgot = await s.call('DELETE', `/v1/pod_managers/${uuid}?forget=true`);
    assert.equal(forgot.status, 200, forgot.text);
    assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).status, 404);
    assert.deepEqual(await devices(uuid), []);
    assert.equal((await s.call('GET', `/v1/nodes/${node.body.uuid}`)).status, 404);
    const [event] = (await s.call('GET', '/v1/audit?action=pod_manager.forget')).body;
    assert.equal(event.target, uuid);
    assert.equal(event.result, 'success');
  });

  it('DELETE ?forget=true waits for an operation in flight: 409 naming it, then 200 once it has ended', async () => {
    const slow = await otherEem();
    try {
      const uuid = (await s.call('POST', '/v1/pod_managers', podManagerBody(slow.url, 'slow'))).body.uuid as string;
      await http(`${slow.origin}/_sim/faults`, 'POST', { method: 'PUT', path: '/', latency_ms: 1_500, count: 100 }, basic);
      const composing = s.call('POST', '/v1/nodes', { name: 'in-flight', podm_id: uuid, properties: { pci_device: { type: ['NIC'] } } });
      while (!((await s.call('GET', '/v1/nodes')).body as Array<{ state: string }>).some((n) => n.state === 'composing')) await new Promise((r) => setTimeout(r, 20));
      const refused = await s.call('DELETE', `/v1/pod_managers/${uuid}?forget=true`);
      assert.equal(refused.status, 409, refused.text);
      assert.match(refused.body.detail, /operations in progress \(compose of node /);
      assert.equal((await composing).status, 200, 'the compose was not cut short');
      assert.equal((await s.call('DELETE', `/v1/pod_managers/${uuid}?forget=true`)).status, 200);
      assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).status, 404);
    } finally {
      await slow.close();
    }
  });
});

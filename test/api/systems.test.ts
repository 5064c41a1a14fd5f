import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { EEM_PASSWORD, EEM_USER, podManagerBody, startStack, type Stack } from '../../support/stack.js';
import { suiteWithPodManager } from '../support/suite.js';

describe('systems, read live from the fabric', () => {
  const t = suiteWithPodManager();

  it("lists every EESV with Valence's fields (and its misspelt host_serial_num)", async () => {
    const r = await t.s.call('GET', `/v1/systems?podm_id=${t.podm}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.map((x: { id: string }) => x.id).sort(), ['0x1111111111', '0x2222222222', '0x3333333333']);
    const first = r.body.find((x: { id: string }) => x.id === '0x1111111111');
    assert.deepEqual(first, {
      id: '0x1111111111', resource_uri: 'devices/0x1111111111', pooled_group_id: '1234', type: '40g',
      mac_address: '11:11:11:11:11:11', host_serial_num: '', host_serial_number: '', host_model: '',
      power_state: 'on', podm_id: t.podm, max_devices: 16,
    });
  });

  it('without podm_id lists the servers of every pod manager', async () => {
    assert.equal((await t.s.call('GET', '/v1/systems')).body.length, 3);
  });

  it("shows one system as Valence's driver did, the EEM update_time rendered as UTC text", async () => {
    const r = await t.s.call('GET', `/v1/systems/0x1111111111?podm_id=${t.podm}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      id: '0x1111111111', type: '40g', pooled_group_id: '1234', mac_address: '11:11:11:11:11:11',
      serial_number: 'abcd 01234', name: 'eesv', power_state: 'on', host_model: '', host_serial_number: '',
      description: 'ExpEther Board (40G)', ee_version: 'v1.0', update_time: '2018-02-19 00:25:10', podm_id: t.podm, max_devices: 16,
    });
  });

  it('reads the fabric on every request: an out-of-band power-off shows at once', async () => {
    await t.s.simControl('PATCH', '/_sim/devices/0x3333333333', { power_status: 'off' });
    assert.equal((await t.s.call('GET', '/v1/systems/0x3333333333')).body.power_state, 'off');
    await t.s.simControl('PATCH', '/_sim/devices/0x3333333333', { power_status: 'on' });
  });

  it('an EEIO id is a 400, an unknown id a 404, an unknown pod manager a 404', async () => {
    const eeio = await t.s.call('GET', `/v1/systems/0x7777777777?podm_id=${t.podm}`);
    assert.equal(eeio.status, 400);
    assert.match(eeio.body.detail, /0x7777777777 is not an EESV/);
    const unknown = await t.s.call('GET', `/v1/systems/0x0000000001?podm_id=${t.podm}`);
    assert.equal(unknown.status, 404);
    assert.equal((await t.s.call('GET', '/v1/systems?podm_id=nope')).status, 404);
  });

  it('an EEM that is down is a 503 naming the pod manager', async () => {
    await t.s.simControl('POST', '/_sim/faults', { path: 'devices', drop: true, count: 10 });
    const r = await t.s.call('GET', `/v1/systems?podm_id=${t.podm}`);
    await t.s.simControl('DELETE', '/_sim/faults');
    assert.equal(r.status, 503);
    assert.match(r.body.detail, /pod manager podm1/);
  });
});

describe("systems: podm_id in the JSON body of the GET, where Valence's client sends it", () => {
  let s: Stack;
  let other: EemSim;
  let podm: string;
  // fetch() refuses a body on a GET; Valence's client (python requests) does not.
  const get = (url: string, payload?: object) => s.service.app.inject({ method: 'GET', url, ...(payload && { payload }) });
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
    other = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 2, devices: 2, seed: 5 } } });
    const second = await s.call('POST', '/v1/pod_managers', podManagerBody(other.url, 'podm2'));
    assert.equal(second.status, 200, second.text);
  });
  after(async () => {
    await s.close();
    await other.close();
  });

  it('the list keeps to the pod manager the body names (3 servers, not the 5 of both)', async () => {
    assert.equal((await get('/v1/systems')).json().length, 5);
    const r = await get('/v1/systems', { podm_id: podm });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json().map((x: { podm_id: string }) => x.podm_id), [podm, podm, podm]);
  });

  it('show looks in the pod manager the body names: an unknown one is a 404', async () => {
    const r = await get('/v1/systems/0x1111111111', { podm_id: podm });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().podm_id, podm);
    const unknown = await get('/v1/systems/0x1111111111', { podm_id: 'nope' });
    assert.equal(unknown.statusCode, 404, unknown.body);
  });

  it('a body that is not the filter is a 400 naming the field; query and body naming two pod managers is a 400', async () => {
    const wrongType = await get('/v1/systems', { podm_id: 7 });
    assert.equal(wrongType.statusCode, 400);
    assert.match(wrongType.json().detail, /'podm_id'/);
    const unknownField = await get('/v1/systems', { pod: podm });
    assert.equal(unknownField.statusCode, 400);
    assert.match(unknownField.json().detail, /'pod'/);
    const both = await get(`/v1/systems?podm_id=${podm}`, { podm_id: 'another' });
    assert.equal(both.statusCode, 400);
    assert.match(both.json().detail, /'podm_id'.*different pod managers/);
    assert.equal((await get(`/v1/systems?podm_id=${podm}`, { podm_id: podm })).statusCode, 200);
  });
});

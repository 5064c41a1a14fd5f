// The locate (UID) LED of a device's or a server's board, lit through the EEM.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('locate', () => {
  let s: Stack;
  let podm: string;
  const led = async (board: string) => (await s.simControl('GET', `${new URL(s.sim.url).pathname}/devices/${board}/uid_led_status`)).body.uid_led_status;
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it("lights and puts out a device's board LED on the EEM", async () => {
    const gpu = (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === 'devices/0x9999999999');
    assert.equal(await led('0x9999999999'), 'off');
    const on = await s.call('POST', `/v1/devices/${gpu.uuid}/action`, { locate: { on: true } });
    assert.equal(on.status, 204, on.text);
    assert.equal(await led('0x9999999999'), 'on');
    assert.equal((await s.call('POST', `/v1/devices/${gpu.uuid}/action`, { locate: { on: false } })).status, 204);
    assert.equal(await led('0x9999999999'), 'off');
  });

  it("lights a server's board LED through /v1/systems/{id}/action, with or without its pod manager", async () => {
    const r = await s.call('POST', '/v1/systems/0x3333333333/action', { locate: { on: true } });
    assert.equal(r.status, 204, r.text);
    assert.equal(await led('0x3333333333'), 'on');
    assert.equal((await s.call('POST', `/v1/systems/0x3333333333/action?podm_id=${podm}`, { locate: { on: false } })).status, 204);
    assert.equal(await led('0x3333333333'), 'off');
  });

  it('an unknown server is a 404; a malformed action a 400', async () => {
    const unknown = await s.call('POST', '/v1/systems/0xdeadbeef00/action', { locate: { on: true } });
    assert.equal(unknown.status, 404, unknown.text);
    const bad = await s.call('POST', '/v1/systems/0x3333333333/action', { locate: 'on' });
    assert.equal(bad.status, 400, bad.text);
  });
});

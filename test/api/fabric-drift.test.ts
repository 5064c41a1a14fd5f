// Harmless fabric changes (a link flap, a locate LED) bump a board's update_time; attach takes them
// in its stride. A real change (the device taken into another group, disabled) is still refused,
// and a device covalence does not own is never moved.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('attach after the fabric changed since the last sync', () => {
  let s: Stack;
  let podm: string;
  let node: string;
  const uuidOf = async (uri: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === uri).uuid as string;
  const board = async (id: string) => (await s.simControl('GET', `${new URL(s.sim.url).pathname}/devices/${id}`)).body.device;
  const patchBoard = async (id: string, patch: object) => assert.equal((await s.simControl('PATCH', `/_sim/devices/${id}`, patch)).status, 200);
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
    node = (await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x3333333333' })).body.uuid;
  });
  after(() => s.close());

  it('a device whose update_time a locate LED bumped is attached at the first try', async () => {
    const gpu = await uuidOf('devices/0x9999999999');
    const before = (await board('0x9999999999')).update_time;
    assert.equal((await s.call('POST', `/v1/devices/${gpu}/action`, { locate: { on: true } })).status, 204);
    assert.notEqual((await board('0x9999999999')).update_time, before);
    const r = await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: gpu } });
    assert.equal(r.status, 204, r.text);
    assert.equal((await board('0x9999999999')).group_id, (await board('0x3333333333')).group_id);
  });

  it('a device whose link flapped (down, then up) is attached at the first try', async () => {
    await patchBoard('0x7777777777', { notification_status0: ['down', 'down'] });
    await patchBoard('0x7777777777', { notification_status0: ['up', 'down'] });
    const r = await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: await uuidOf('devices/0x7777777777') } });
    assert.equal(r.status, 204, r.text);
  });

  it('a device another manager took into its group since the last sync is refused and left where it is', async () => {
    await patchBoard('0x8888888888', { group_id: '777' });
    const r = await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: await uuidOf('devices/0x8888888888') } });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.detail, /changed on the fabric since covalence last read it: it is in group 777, no longer free/);
    assert.equal((await board('0x8888888888')).group_id, '777');
  });

  it('a device disabled since the last sync is refused', async () => {
    const plugged = await s.simControl('POST', '/_sim/devices', { status: 'eeio', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x8086', pcie_device_id: '0x1572' });
    assert.equal(plugged.status, 201, plugged.text);
    const id: string = plugged.body.device.id;
    await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    await patchBoard(id, { admin_status: 'disable' });
    const r = await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: await uuidOf(`devices/${id}`) } });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.detail, /changed on the fabric since covalence last read it: it is offline/);
    assert.equal((await board(id)).group_id, '4093');
  });
});

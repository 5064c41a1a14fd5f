// What operators decide about a device that the fabric does not say: maintenance, and a type set
// by hand on a board that reports none. Both are kept across syncs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('devices an admin takes out of service or types by hand', () => {
  let s: Stack;
  let podm: string;
  const byUri = async (uri: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === uri);
  const sync = async () => assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0].status, 'SUCCESS');
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it('a device in maintenance is listed and shown as such, kept across syncs, never composed, and attach refuses it with a 409 saying why', async () => {
    const gpu = await byUri('devices/0x9999999999');
    assert.equal(gpu.maintenance, false);
    const r = await s.call('PATCH', `/v1/devices/${gpu.uuid}`, { maintenance: true, maintenance_reason: 'fan noise, RMA 4411' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.maintenance, true);
    assert.equal(r.body.maintenance_reason, 'fan noise, RMA 4411');
    await sync();
    assert.equal((await byUri('devices/0x9999999999')).maintenance, true);
    assert.equal((await s.call('GET', `/v1/devices/${gpu.uuid}`)).body.maintenance_reason, 'fan noise, RMA 4411');

    const plan = await s.call('POST', '/v1/nodes?dry_run=true', { podm_id: podm, name: 'p', properties: { pci_device: { type: ['GPU'] } } });
    assert.equal(plan.status, 404, plan.text);
    assert.match(plan.body.detail, /1 GPU requested, 0 free on 40g boards \(1 more in maintenance\)/);
    const node = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x3333333333' });
    assert.equal(node.status, 200, node.text);
    const attach = await s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: gpu.uuid } });
    assert.equal(attach.status, 409, attach.text);
    assert.match(attach.body.detail, new RegExp(`Device ${gpu.uuid} cannot be attached: it is in maintenance \\(fan noise, RMA 4411\\)`));

    const cleared = await s.call('PATCH', `/v1/devices/${gpu.uuid}`, { maintenance: false });
    assert.equal(cleared.body.maintenance, false);
    assert.equal(cleared.body.maintenance_reason, null);
    assert.equal((await s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: gpu.uuid } })).status, 204);
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.body.uuid}`)).status, 200);
  });

  it('PATCH {} changes nothing; a reason alone for a device not in maintenance is a 400', async () => {
    const nic = await byUri('devices/0x7777777777');
    const same = await s.call('PATCH', `/v1/devices/${nic.uuid}`, {});
    assert.equal(same.status, 200, same.text);
    assert.equal(same.body.maintenance, false);
    const reasonOnly = await s.call('PATCH', `/v1/devices/${nic.uuid}`, { maintenance_reason: 'why' });
    assert.equal(reasonOnly.status, 400, reasonOnly.text);
  });

  it('an untyped 10G device gets a type set by hand, shown as the operator\'s, kept across syncs and usable as a filter', async () => {
    const tenG = await byUri('devices/0xaaaaaaaaaa');
    assert.equal(tenG.type, null);
    assert.equal(tenG.type_source, 'fabric');
    const r = await s.call('PATCH', `/v1/devices/${tenG.uuid}`, { type: 'NIC' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.type, 'NIC');
    assert.equal(r.body.type_source, 'operator');
    await sync();
    const after = await byUri('devices/0xaaaaaaaaaa');
    assert.equal(after.type, 'NIC');
    assert.equal(after.type_source, 'operator');
    const nics = (await s.call('GET', '/v1/devices?type=NIC')).body.map((d: { resource_uri: string }) => d.resource_uri);
    assert.ok(nics.includes('devices/0xaaaaaaaaaa'));
  });

  it('setting the type of a device the fabric types is a 409 naming the fabric\'s type', async () => {
    const nic = await byUri('devices/0x7777777777');
    const r = await s.call('PATCH', `/v1/devices/${nic.uuid}`, { type: 'GPU' });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.detail, new RegExp(`Device ${nic.uuid}: the fabric reports its type as NIC`));
    assert.equal((await byUri('devices/0x7777777777')).type, 'NIC');
  });
});

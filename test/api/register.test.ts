import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { closedPort, randomMac, rawIronic, startIronic, waitForState, type RawIronic } from '../provision/support.js';
import { startStack, type Stack } from '../../support/stack.js';

const IRONIC_PORT = 6395;

describe('registering composed nodes with a real Ironic', () => {
  let s: Stack;
  let ironic: RawIronic;
  let podm: string;
  const compose = async (name: string, types: string[] = ['NIC']) =>
    (await s.call('POST', '/v1/nodes', { podm_id: podm, name, properties: { pci_device: { type: types } } })).body;
  const ironicNodesNamed = async (name: string) => (await ironic('GET', `/v1/nodes?fields=uuid,name`)).body.nodes.filter((n: { name: string }) => n.name === name);

  before(async () => {
    const url = await startIronic(IRONIC_PORT);
    ironic = rawIronic(url);
    s = await startStack({ config: { ironicUrl: url, ironicAuth: 'none', ironicTimeout: 10 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());
  beforeEach(async () => {
    for (const n of (await s.call('GET', '/v1/nodes')).body) {
      await s.call('POST', `/v1/nodes/${n.uuid}/deregister`);
      await s.call('DELETE', `/v1/nodes/${n.uuid}`);
    }
    for (const n of (await ironic('GET', '/v1/nodes')).body.nodes) await ironic('DELETE', `/v1/nodes/${n.uuid}`);
  });

  it("registers with Valence's guide body: an ipmi node in enroll, named like the composed node, with its devices in extra", async () => {
    const node = await compose('node1');
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: { username: 'admin', password: 'password', address: 'address' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.managed_by, 'ironic');
    assert.equal(r.body.uuid, node.uuid);
    assert.equal(r.body.index, node.index);
    assert.equal(r.body.podm_id, podm);
    assert.match(r.body.created_at, /UTC$/);
    const seen = (await ironic('GET', `/v1/nodes/${r.body.ironic_uuid}`)).body;
    assert.equal(seen.name, 'node1');
    assert.equal(seen.driver, 'ipmi');
    assert.equal(seen.provision_state, 'enroll');
    assert.equal(seen.extra.covalence_node_uuid, node.uuid);
    assert.equal(seen.extra.covalence_podm_id, podm);
    assert.deepEqual(seen.extra.covalence_devices.map((d: { type: string; resource_uri: string }) => [d.type, d.resource_uri]), [['NIC', 'devices/0x7777777777']]);
    assert.equal(seen.extra.covalence_devices[0].vendor, 'Intel Corporation');
    assert.ok(!r.text.includes('password"'), 'the BMC password is not echoed');
  });

  it('a repeat of the same register answers the same registration; a different one is a 409', async () => {
    const node = await compose('twice');
    const body = { driver: 'agent_ipmitool', driver_info: { ipmi_address: '127.0.0.1' } };
    const first = await s.call('POST', `/v1/nodes/${node.uuid}/register`, body);
    const again = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: { ipmi_address: '127.0.0.1' }, driver: 'agent_ipmitool' });
    assert.equal(again.status, 200);
    assert.equal(again.body.ironic_uuid, first.body.ironic_uuid);
    assert.equal((await ironicNodesNamed('twice')).length, 1);
    const other = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: { ipmi_address: '127.0.0.2' } });
    assert.equal(other.status, 409);
    assert.match(other.body.detail, /already registered with Ironic as .* deregister it first/);
  });

  it('a repeat register whose Ironic node is gone registers afresh, holding the node: it waits for a detach under way', async () => {
    const node = await compose('lost', ['NIC', 'SSD']);
    const body = { driver_info: { ipmi_address: '127.0.0.1' } };
    const first = await s.call('POST', `/v1/nodes/${node.uuid}/register`, body);
    assert.equal(first.status, 200, first.text);
    await ironic('DELETE', `/v1/nodes/${first.body.ironic_uuid}`);
    const nic = (await s.call('GET', `/v1/nodes/${node.uuid}`)).body.devices.find((d: { type: string }) => d.type === 'NIC');
    await s.simControl('POST', '/_sim/faults', { method: 'DELETE', path: 'group_id', latency_ms: 800 });
    const detaching = s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: nic.uuid } }).then((r) => ({ r, at: Date.now() }));
    const until = Date.now() + 5_000;
    while (!(await s.service.core.store.db.selectFrom('nodes').select('held_by').where('uuid', '=', node.uuid).executeTakeFirst())?.held_by) {
      assert.ok(Date.now() < until, 'the detach got under way');
      await sleep(20);
    }
    const again = await s.call('POST', `/v1/nodes/${node.uuid}/register`, body);
    const registeredAt = Date.now();
    const { r: detached, at: detachedAt } = await detaching;
    await s.simControl('DELETE', '/_sim/faults');
    assert.equal(detached.status, 204, detached.text);
    assert.equal(again.status, 200, again.text);
    assert.ok(registeredAt >= detachedAt, 'the register waited for the detach that held the node');
    assert.notEqual(again.body.ironic_uuid, first.body.ironic_uuid);
    assert.equal((await ironicNodesNamed('lost')).length, 1);
  });

  it('fake-hardware to available, with ports, resource class and traits, all checked in Ironic', async () => {
    const node = await compose('full', ['NIC', 'SSD']);
    const macs = [randomMac(), randomMac()];
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/register`, {
      driver: 'fake-hardware', driver_info: {}, mac: macs[0], macs: [macs[1]], resource_class: 'composed-nic-ssd',
      properties: { cpus: 8 }, traits: ['CUSTOM_COMPOSED'], provision_state: 'available',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.provision_state, 'available');
    assert.deepEqual(r.body.ports.map((p: { address: string }) => p.address).sort(), [...macs].sort());
    const seen = (await ironic('GET', `/v1/nodes/${r.body.ironic_uuid}`)).body;
    assert.equal(seen.provision_state, 'available');
    assert.equal(seen.resource_class, 'composed-nic-ssd');
    assert.equal(seen.properties.cpus, 8);
    assert.deepEqual((await ironic('GET', `/v1/nodes/${r.body.ironic_uuid}/traits`)).body.traits, ['CUSTOM_COMPOSED']);
    const ports = (await ironic('GET', `/v1/ports?node=${r.body.ironic_uuid}`)).body.ports;
    assert.deepEqual(ports.map((p: { address: string }) => p.address).sort(), [...macs].sort());
  });

  it("attach and detach keep the Ironic node's device list in step", async () => {
    const node = await compose('steps');
    const reg = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver: 'fake-hardware', driver_info: {} });
    const gpu = (await s.call('GET', '/v1/devices?type=GPU&state=free')).body[0];
    await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: gpu.uuid } });
    const types = async () => (await ironic('GET', `/v1/nodes/${reg.body.ironic_uuid}`)).body.extra.covalence_devices.map((d: { type: string }) => d.type).sort();
    assert.deepEqual(await types(), ['GPU', 'NIC']);
    await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: gpu.uuid } });
    assert.deepEqual(await types(), ['NIC']);
  });

  it('deregister removes the Ironic node and its ports; a second deregister is a no-op', async () => {
    const node = await compose('gone');
    const mac = randomMac();
    const reg = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver: 'fake-hardware', driver_info: {}, mac });
    assert.equal((await ironic('GET', `/v1/ports?address=${mac}`)).body.ports.length, 1);
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/deregister`);
    assert.equal(r.status, 200);
    assert.equal(r.body.managed_by, undefined);
    assert.equal((await ironic('GET', `/v1/nodes/${reg.body.ironic_uuid}`)).status, 404);
    assert.deepEqual((await ironic('GET', `/v1/ports?address=${mac}`)).body.ports, []);
    assert.equal((await s.call('POST', `/v1/nodes/${node.uuid}/deregister`)).status, 200);
  });

  it('decompose deletes the Ironic node first; a deployed node refuses with 409 and stays composed', async () => {
    const node = await compose('deployed');
    const reg = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver: 'fake-hardware', driver_info: {}, provision_state: 'available' });
    assert.equal((await ironic('PUT', `/v1/nodes/${reg.body.ironic_uuid}/states/provision`, { target: 'active' })).status, 202);
    await waitForState(ironic, reg.body.ironic_uuid, 'active');
    const refused = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail, /Ironic/);
    assert.equal((await s.call('GET', `/v1/nodes/${node.uuid}`)).body.state, 'composed');
    assert.equal(s.sim.fabric.get('0x7777777777')!.group_id, s.sim.fabric.get(node.index)!.group_id, 'the fabric was not touched');
    await ironic('PUT', `/v1/nodes/${reg.body.ironic_uuid}/states/provision`, { target: 'deleted' });
    await waitForState(ironic, reg.body.ironic_uuid, 'available');
    const done = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
    assert.equal(done.status, 200, done.text);
    assert.equal((await ironic('GET', `/v1/nodes/${reg.body.ironic_uuid}`)).status, 404);
  });

  it('a port Ironic refuses fails the register naming the step, and leaves nothing half-registered', async () => {
    const mac = randomMac();
    const other = (await ironic('POST', '/v1/nodes', { name: 'holder', driver: 'fake-hardware' })).body;
    assert.equal((await ironic('POST', '/v1/ports', { address: mac, node_uuid: other.uuid })).status, 201);
    const node = await compose('clash');
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver: 'fake-hardware', driver_info: {}, mac });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.detail, new RegExp(`failed at step 'create port ${mac}'`));
    assert.deepEqual(await ironicNodesNamed('clash'), []);
    const after = await s.call('GET', `/v1/nodes/${node.uuid}`);
    assert.equal(after.body.managed_by, undefined);
  });

  it('a malformed body is a 400 naming the field; an unknown node a 404', async () => {
    const node = await compose('bad');
    const noInfo = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { mac: '52:54:00:00:00:01' });
    assert.equal(noInfo.status, 400);
    assert.match(noInfo.body.detail, /'driver_info'/);
    const badMac = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: {}, mac: 'not-a-mac' });
    assert.equal(badMac.status, 400);
    assert.match(badMac.body.detail, /'mac'/);
    assert.equal((await s.call('POST', '/v1/nodes/nope/register', { driver_info: {} })).status, 404);
  });
});

describe('registering without a usable Ironic', () => {
  it('is a 503 when none is configured, and a 503 naming Ironic when it is unreachable', async () => {
    const bare = await startStack();
    const gone = await startStack({ config: { ironicUrl: await closedPort(), ironicAuth: 'none', ironicTimeout: 2 } });
    try {
      for (const [s, pattern] of [[bare, /not configured/], [gone, /Ironic: registering node n failed at step '.*': Ironic at .* is unreachable/]] as const) {
        const podm = await s.addPodManager();
        const node = (await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'n' })).body;
        const r = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: {} });
        assert.equal(r.status, 503, r.text);
        assert.match(r.body.detail, pattern);
        assert.equal((await s.call('GET', `/v1/nodes/${node.uuid}`)).body.managed_by, undefined);
      }
    } finally {
      await bare.close();
      await gone.close();
    }
  });
});

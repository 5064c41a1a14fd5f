import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('the device pool', () => {
  let s: Stack;
  let podm: string;
  const byUri = async (uri: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === uri);
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it("lists devices in the brief shape of Valence's guide, discovered when the pod manager was created", async () => {
    const r = await s.call('GET', '/v1/devices');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 7);
    for (const d of r.body) {
      assert.deepEqual(Object.keys(d).sort(), ['maintenance', 'node_id', 'pod' + 'm_id', 'pooled_group_id', 'resource_uri', 'state', 'type', 'type_source', 'uuid'].sort());
      assert.equal(d.podm_id, podm);
    }
    const nic = r.body.find((d: { resource_uri: string }) => d.resource_uri === 'devices/0x7777777777');
    assert.deepEqual({ ...nic, uuid: undefined }, {
      uuid: undefined, podm_id: podm, type: 'NIC', type_source: 'fabric', state: 'free', maintenance: false, node_id: null, resource_uri: 'devices/0x7777777777', pooled_group_id: '4093',
    });
  });

  it('a device in a server\'s group is allocated to that server (joined in memory)', async () => {
    const ssd = await byUri('devices/0x8cdf9d53e9d8');
    assert.equal(ssd.state, 'allocated');
    assert.equal(ssd.node_id, '0x1111111111');
    assert.equal(ssd.pooled_group_id, '1234');
  });

  it('decodes an NVMe class code as SSD (Valence said Unknown), a 10G board as untyped, a link-down board as offline', async () => {
    assert.equal((await byUri('devices/0x8888888888')).type, 'SSD');
    assert.equal((await byUri('devices/0x9999999999')).type, 'GPU');
    assert.equal((await byUri('devices/0xaaaaaaaaaa')).type, null);
    const down = await byUri('devices/0xbbbbbbbbbb');
    assert.equal(down.state, 'offline');
    assert.equal(down.type, 'NIC');
  });

  it('shows one device with properties and the vendor and device names from pci.ids', async () => {
    const { uuid } = await byUri('devices/0x8888888888');
    const r = await s.call('GET', `/v1/devices/${uuid}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.properties, {
      device_id: '0x8888888888', mac_address: '88:88:88:88:88:88', model: '40g',
      pcie_class_code: '0x010802', pcie_vendor_id: '0x8086', pcie_device_id: '0x0a54',
    });
    assert.equal(r.body.extra.vendor_name, 'Intel Corporation');
    assert.match(r.body.extra.device_name, /NVMe/);
    assert.match(r.body.created_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  });

  it('a 10G device has no PCIe ids and no names', async () => {
    const { uuid } = await byUri('devices/0xaaaaaaaaaa');
    const r = await s.call('GET', `/v1/devices/${uuid}`);
    assert.deepEqual(r.body.extra, { vendor_name: null, device_name: null });
    assert.equal(r.body.properties.pcie_class_code, null);
    assert.equal(r.body.properties.model, '10g');
  });

  it('filters by type, state, node_id, pooled_group_id and podm_id, ANDed', async () => {
    const q = async (query: string) => (await s.call('GET', `/v1/devices?${query}`)).body.map((d: { resource_uri: string }) => d.resource_uri).sort();
    assert.deepEqual(await q('type=NIC'), ['devices/0x7777777777', 'devices/0x8cdf9d911cb0', 'devices/0xbbbbbbbbbb']);
    assert.deepEqual(await q('type=NIC&state=free'), ['devices/0x7777777777']);
    assert.deepEqual(await q('node_id=0x1111111111'), ['devices/0x8cdf9d53e9d8', 'devices/0x8cdf9d911cb0']);
    assert.deepEqual(await q('node_id=0x1111111111&type=SSD'), ['devices/0x8cdf9d53e9d8']);
    assert.deepEqual(await q('pooled_group_id=1234'), ['devices/0x8cdf9d53e9d8', 'devices/0x8cdf9d911cb0']);
    assert.equal((await q(`podm_id=${podm}`)).length, 7);
    assert.deepEqual(await q('podm_id=other'), []);
  });

  it('an unknown filter or a bad enum value is a 400 naming it (Valence answered 500)', async () => {
    const unknown = await s.call('GET', '/v1/devices?colour=red');
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.detail, /'colour' in the query string/);
    const badType = await s.call('GET', '/v1/devices?type=FPGA');
    assert.equal(badType.status, 400);
    assert.match(badType.body.detail, /'type'/);
  });

  it('a bad state in the query string is a 400 listing the allowed states', async () => {
    const r = await s.call('GET', '/v1/devices?state=broken');
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /^Invalid input for field\/attribute 'state' in the query string\. It must be one of 'free', /);
  });

  it('an unknown device is a 404 in the Valence shape', async () => {
    const r = await s.call('GET', '/v1/devices/d38b2987-02f1-44c1-bdb6-c5469581d244');
    assert.equal(r.status, 404);
    assert.equal(r.body.detail, 'Device d38b2987-02f1-44c1-bdb6-c5469581d244 not found.');
    assert.equal(r.body.title, 'Resource could not be found');
  });

  it('GET /v1/devices/sync is not the sync (405 names POST)', async () => {
    const r = await s.call('GET', '/v1/devices/sync');
    assert.ok(r.status === 404 || r.status === 405, String(r.status));
  });
});

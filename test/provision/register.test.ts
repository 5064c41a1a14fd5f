// The Ironic provisioner against a real, noauth Ironic (scripts/ironic.sh), checked through Ironic's own API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createProvisioner, ProvisionError, type IronicConfig, type Provisioner, type RegisterSpec } from '../../src/provision/index.js';
import { composedNode, randomMac, rawIronic, recordingProxy, startIronic, stopIronic, waitForState, type RawIronic } from './support.js';

const PORT = 6385;
let url: string;
let ironic: RawIronic;
let provisioner: Provisioner;

const config = (overrides: Partial<IronicConfig> = {}): IronicConfig =>
  ({ url, auth: { type: 'none' }, defaultDriver: 'ipmi', timeoutMs: 10_000, stateWaitMs: 20_000, ...overrides }) as IronicConfig;

const fake = (overrides: Partial<RegisterSpec> = {}): RegisterSpec => ({
  driver: 'fake-hardware',
  driverInfo: { ipmi_address: '127.0.0.1', ipmi_username: 'admin', ipmi_password: 'bmc-secret' },
  macs: [randomMac(), randomMac()],
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<ProvisionError> {
  const err = await promise.then(() => assert.fail('expected a ProvisionError'), (e: unknown) => e);
  assert.ok(err instanceof ProvisionError, `not a ProvisionError: ${String(err)}`);
  return err;
}

before(async () => {
  url = await startIronic(PORT);
  ironic = rawIronic(url);
  provisioner = createProvisioner(config());
});
after(async () => {
  await provisioner.close();
  await stopIronic(PORT);
});

describe('register', () => {
  test('creates the node with its name, driver, driver_info, extra, resource class, properties, traits and one port per MAC', async () => {
    const node = composedNode();
    const spec = fake({ resourceClass: 'composed-gpu', properties: { cpus: 8, memory_mb: 16384 }, traits: ['CUSTOM_COMPOSED'] });
    const reg = await provisioner.register(node, spec);

    const { status, body } = await ironic('GET', `/v1/nodes/${reg.ironicUuid}`);
    assert.equal(status, 200);
    assert.equal(body.name, node.name);
    assert.equal(body.driver, 'fake-hardware');
    assert.equal(body.driver_info.ipmi_address, '127.0.0.1');
    assert.equal(body.driver_info.ipmi_password, '******');
    assert.equal(body.resource_class, 'composed-gpu');
    assert.deepEqual(body.properties, { cpus: 8, memory_mb: 16384 });
    assert.deepEqual(body.traits, ['CUSTOM_COMPOSED']);
    assert.equal(body.provision_state, 'enroll');
    assert.equal(reg.provisionState, 'enroll');
    assert.deepEqual(body.extra, {
      covalence_node_uuid: node.uuid,
      covalence_node_index: node.index,
      covalence_podm_id: node.podmId,
      covalence_podm_name: 'eem-1',
      covalence_devices: node.devices.map((d) => ({
        uuid: d.uuid,
        type: d.type,
        vendor: d.vendorName,
        device: d.deviceName,
        resource_uri: d.resourceUri,
      })),
    });

    const ports = (await ironic('GET', `/v1/ports?node_uuid=${reg.ironicUuid}&fields=uuid,address,pxe_enabled`)).body.ports;
    assert.deepEqual(ports.map((p: { address: string }) => p.address).sort(), [...spec.macs].sort());
    assert.ok(ports.every((p: { pxe_enabled: boolean }) => p.pxe_enabled));
    assert.deepEqual(
      reg.ports.map((p) => p.address),
      spec.macs,
      'ports are reported in the order of the MACs',
    );
  });

  test('translates the classic driver name pxe_ipmitool to the ipmi hardware type, and defaults to the configured one', async () => {
    const classic = await provisioner.register(composedNode(), fake({ driver: 'pxe_ipmitool', macs: [] }));
    const defaulted = await provisioner.register(composedNode(), fake({ driver: undefined, macs: [] }));
    assert.equal((await ironic('GET', `/v1/nodes/${classic.ironicUuid}`)).body.driver, 'ipmi');
    assert.equal((await ironic('GET', `/v1/nodes/${defaulted.ironicUuid}`)).body.driver, 'ipmi');
  });

  test('drives the node to manageable, and through manage and provide to available', async () => {
    const manageable = await provisioner.register(composedNode(), fake({ provisionState: 'manageable' }));
    const available = await provisioner.register(composedNode(), fake({ provisionState: 'available' }));
    assert.equal(manageable.provisionState, 'manageable');
    assert.equal(available.provisionState, 'available');
    assert.equal((await ironic('GET', `/v1/nodes/${manageable.ironicUuid}`)).body.provision_state, 'manageable');
    assert.equal((await ironic('GET', `/v1/nodes/${available.ironicUuid}`)).body.provision_state, 'available');
  });

  test('that fails part-way removes the node it created and names the failed step', async () => {
    const taken = randomMac();
    const other = await provisioner.register(composedNode(), fake({ macs: [taken] }));
    const node = composedNode();
    const first = randomMac();

    const err = await rejection(provisioner.register(node, fake({ macs: [first, taken] })));
    assert.equal(err.kind, 'rejected');
    assert.equal(err.step, `create port ${taken}`);
    assert.equal(err.status, 409);
    assert.match(err.ironicMessage ?? '', /already exists/);
    assert.match(err.message, new RegExp(`^create port ${taken}: `));
    assert.equal(err.leftover, undefined);

    assert.equal((await ironic('GET', `/v1/nodes/${node.name}`)).status, 404, 'the node it created is gone');
    assert.deepEqual((await ironic('GET', `/v1/ports?address=${first}`)).body.ports, [], 'and so is the port it created');
    assert.equal((await ironic('GET', `/v1/nodes/${other.ironicUuid}`)).status, 200, 'the other node is untouched');
  });

  test('replaces a node left by an earlier register of the same composed node, but not a stranger of the same name', async () => {
    const node = composedNode();
    const lost = await provisioner.register(node, fake());
    const again = await provisioner.register(node, fake());
    assert.notEqual(again.ironicUuid, lost.ironicUuid);
    assert.equal((await ironic('GET', `/v1/nodes/${lost.ironicUuid}`)).status, 404);
    assert.equal((await ironic('GET', `/v1/nodes/${node.name}`)).body.uuid, again.ironicUuid);

    const namesake = composedNode({ name: node.name });
    const err = await rejection(provisioner.register(namesake, fake()));
    assert.equal(err.kind, 'rejected');
    assert.equal(err.step, 'create node');
    assert.equal(err.status, 409);
    assert.equal((await ironic('GET', `/v1/nodes/${again.ironicUuid}`)).status, 200);
  });

  test('rejects a driver Ironic does not have, naming the create step', async () => {
    const err = await rejection(provisioner.register(composedNode(), fake({ driver: 'redfish' })));
    assert.equal(err.kind, 'rejected');
    assert.equal(err.step, 'create node');
    assert.equal(err.status, 400);
  });
});

describe('describe', () => {
  test('reports the provision state and ports, and null once Ironic no longer knows the node', async () => {
    const spec = fake({ provisionState: 'manageable' });
    const reg = await provisioner.register(composedNode(), spec);
    const seen = await provisioner.describe(reg.ironicUuid);
    assert.equal(seen?.provisionState, 'manageable');
    assert.deepEqual(seen?.ports.map((p) => p.address).sort(), [...spec.macs].sort());
    assert.equal((await ironic('DELETE', `/v1/nodes/${reg.ironicUuid}`)).status, 204);
    assert.equal(await provisioner.describe(reg.ironicUuid), null);
  });
});

describe('updateFacts', () => {
  test('rewrites extra after a detach and, when configured, swaps device traits but keeps the others', async () => {
    const withTraits = createProvisioner(config({ deviceTraits: true }));
    try {
      const node = composedNode();
      const reg = await withTraits.register(node, fake({ traits: ['CUSTOM_OPERATOR'], provisionState: 'available' }));
      assert.deepEqual(
        (await ironic('GET', `/v1/nodes/${reg.ironicUuid}/traits`)).body.traits.sort(),
        ['CUSTOM_COVALENCE_GPU', 'CUSTOM_COVALENCE_NIC', 'CUSTOM_OPERATOR'],
      );

      const detached = { ...node, devices: node.devices.filter((d) => d.type === 'NIC') };
      await withTraits.updateFacts(reg.ironicUuid, detached);

      const { body } = await ironic('GET', `/v1/nodes/${reg.ironicUuid}`);
      assert.deepEqual(body.extra.covalence_devices.map((d: { uuid: string }) => d.uuid), [detached.devices[0]!.uuid]);
      assert.equal(body.extra.covalence_node_uuid, node.uuid);
      assert.deepEqual(body.traits.sort(), ['CUSTOM_COVALENCE_NIC', 'CUSTOM_OPERATOR']);
    } finally {
      await withTraits.close();
    }
  });
});

describe('deregister', () => {
  test('deletes the node and its ports, and is a no-op the second time', async () => {
    const spec = fake({ provisionState: 'available' });
    const reg = await provisioner.register(composedNode(), spec);
    await provisioner.deregister(reg.ironicUuid);
    assert.equal((await ironic('GET', `/v1/nodes/${reg.ironicUuid}`)).status, 404);
    for (const port of reg.ports) assert.equal((await ironic('GET', `/v1/ports/${port.uuid}`)).status, 404);
    await provisioner.deregister(reg.ironicUuid);
  });

  test('of a deployed node is busy and leaves it alone', async () => {
    const reg = await provisioner.register(composedNode(), fake({ provisionState: 'available' }));
    assert.equal((await ironic('PUT', `/v1/nodes/${reg.ironicUuid}/states/provision`, { target: 'active' })).status, 202);
    await waitForState(ironic, reg.ironicUuid, 'active');

    const err = await rejection(provisioner.deregister(reg.ironicUuid));
    assert.equal(err.kind, 'busy');
    assert.equal(err.step, 'deregister');
    assert.match(err.message, /is active/);
    assert.equal((await ironic('GET', `/v1/nodes/${reg.ironicUuid}`)).body.provision_state, 'active');
  });
});

describe('the microversion', () => {
  test('is negotiated once and sent on every request', async () => {
    const proxy = await recordingProxy(url);
    const watched = createProvisioner(config({ url: proxy.url }));
    try {
      const reg = await watched.register(composedNode(), fake({ traits: ['CUSTOM_X'], provisionState: 'available' }));
      await watched.describe(reg.ironicUuid);
      await watched.deregister(reg.ironicUuid);
    } finally {
      await watched.close();
      await proxy.close();
    }
    assert.equal(proxy.requests.filter((r) => r.url === '/v1').length, 1, 'one negotiation');
    assert.ok(proxy.requests.length > 8);
    for (const r of proxy.requests) {
      assert.equal(r.headers['x-openstack-ironic-api-version'], '1.82', `${r.method} ${r.url}`);
    }
  });
});

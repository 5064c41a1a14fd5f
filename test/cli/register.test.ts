import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomMac, rawIronic, startIronic, type RawIronic } from '../provision/support.js';
import { startStack, type Stack } from '../../support/stack.js';
import { client, short, tableRows } from './support.js';

// A port of its own: other test files clear the Ironics they start.
const IRONIC_PORT = 6398;

describe('covalence node register and deregister, with a real Ironic', () => {
  let s: Stack;
  let ironic: RawIronic;
  let cli: ReturnType<typeof client>;
  let node: { uuid: string; index: string };

  before(async () => {
    const url = await startIronic(IRONIC_PORT);
    ironic = rawIronic(url);
    s = await startStack({ config: { ironicUrl: url, ironicAuth: 'none', ironicTimeout: 10 } });
    cli = client(s.api);
    const podm = await s.addPodManager();
    node = (await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'cli-registered', properties: { pci_device: { type: ['NIC'] } } })).body;
  });
  after(async () => {
    for (const n of (await ironic('GET', '/v1/nodes?fields=uuid,name')).body.nodes) {
      if (n.name === 'cli-registered') await ironic('DELETE', `/v1/nodes/${n.uuid}`);
    }
    await s.close();
  });

  it('register hands the node to Ironic with every flag; list --managed-by finds it; deregister takes it back', async () => {
    const mac = randomMac();
    const record = await cli.json(['node', 'register', node.uuid, '--driver', 'fake-hardware', '--mac', mac, '--resource-class', 'composed-nic',
      '--property', 'cpus=8', '--trait', 'CUSTOM_CLI', '--provision-state', 'manageable']);
    assert.deepEqual([record.managed_by, record.provision_state, record.ports.map((p: { address: string }) => p.address)], ['ironic', 'manageable', [mac]]);
    const seen = (await ironic('GET', `/v1/nodes/${record.ironic_uuid}`)).body;
    assert.deepEqual([seen.name, seen.driver, seen.resource_class, seen.properties.cpus], ['cli-registered', 'fake-hardware', 'composed-nic', '8']);
    assert.deepEqual((await ironic('GET', `/v1/nodes/${record.ironic_uuid}/traits`)).body.traits, ['CUSTOM_CLI']);

    const managed = await cli.run(['node', 'list', '--managed-by', 'ironic']);
    assert.deepEqual(tableRows(managed.stdout).slice(1).map((r) => r[0]), [short(node.uuid)]);

    const other = await cli.run(['node', 'register', node.uuid, '--driver-info', 'ipmi_address=10.9.9.9']);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /already registered with Ironic as .* deregister it first.* \(HTTP 409 /);

    const gone = await cli.run(['node', 'deregister', node.uuid, '-c', 'uuid', '-c', 'index']);
    assert.equal(gone.code, 0, gone.stderr);
    assert.deepEqual(tableRows(gone.stdout), [['uuid', node.uuid], ['index', node.index]]);
    assert.equal((await ironic('GET', `/v1/nodes/${record.ironic_uuid}`)).status, 404);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { client } from './support.js';

describe('the CLI takes a name wherever it takes a uuid', () => {
  let s: Stack;
  let cli: ReturnType<typeof client>;
  let podm: string;
  before(async () => {
    s = await startStack();
    cli = client(s.api);
    podm = await s.addPodManager('demo');
  });
  after(() => s.close());

  it('podmanager show by name, and by uuid', async () => {
    assert.equal((await cli.json(['podmanager', 'show', 'demo'])).uuid, podm);
    assert.equal((await cli.json(['podmanager', 'show', podm])).name, 'demo');
  });

  it('node compose --flavor and --podm-id by name; node show by name', async () => {
    const flavor = (await s.call('POST', '/v1/flavors', { name: 'nic-box', properties: { pci_device: { type: ['NIC'] } } })).body.uuid;
    const node = await cli.json(['node', 'compose', 'ml-1', '--flavor', 'nic-box', '--podm-id', 'demo']);
    assert.equal(node.podm_id, podm);
    const shown = await cli.json(['node', 'show', 'ml-1']);
    assert.equal(shown.uuid, node.uuid);
    assert.equal((await cli.json(['flavor', 'show', 'nic-box'])).uuid, flavor);
  });

  it('an ambiguous name is an error listing the matches; a name nothing has is the API 404', async () => {
    const uuids: string[] = [];
    for (let i = 0; i < 2; i++) uuids.push((await s.call('POST', '/v1/flavors', { name: 'twin', properties: {} })).body.uuid);
    const twin = await cli.run(['flavor', 'show', 'twin']);
    assert.equal(twin.code, 2, twin.stderr);
    assert.match(twin.stderr, /2 flavors are named 'twin'/);
    for (const uuid of uuids) assert.ok(twin.stderr.includes(uuid), twin.stderr);
    const missing = await cli.run(['node', 'show', 'nothing-such']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nothing-such.*HTTP 404/);
  });
});

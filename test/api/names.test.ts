import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('lookups by name: ?name= on nodes, flavors and pod managers', () => {
  let s: Stack;
  let podm: string;
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager('demo');
  });
  after(() => s.close());

  const names = async (path: string) => {
    const r = await s.call('GET', path);
    assert.equal(r.status, 200, r.text);
    return r.body.map((x: { name: string }) => x.name);
  };

  it('flavors: every flavor of that name (names are not unique), none for a name nothing has', async () => {
    for (const name of ['gpu-box', 'gpu-box', 'nic-box']) {
      assert.equal((await s.call('POST', '/v1/flavors', { name, properties: {} })).status, 200);
    }
    assert.deepEqual(await names('/v1/flavors?name=gpu-box'), ['gpu-box', 'gpu-box']);
    assert.deepEqual(await names('/v1/flavors?name=nic-box'), ['nic-box']);
    assert.deepEqual(await names('/v1/flavors?name=none'), []);
    assert.equal((await names('/v1/flavors')).length, 3);
  });

  it('pod managers: the one of that name', async () => {
    const r = await s.call('GET', '/v1/pod_managers?name=demo');
    assert.deepEqual(r.body.map((p: { uuid: string }) => p.uuid), [podm]);
    assert.deepEqual(await names('/v1/pod_managers?name=other'), []);
  });

  it('nodes: those of that name', async () => {
    assert.equal((await s.call('POST', '/v1/nodes', { name: 'ml-1', properties: { pci_device: { type: ['NIC'] } } })).status, 200);
    assert.deepEqual(await names('/v1/nodes?name=ml-1'), ['ml-1']);
    assert.deepEqual(await names('/v1/nodes?name=ml-2'), []);
  });

  it('any other query parameter is refused, naming it', async () => {
    const r = await s.call('GET', '/v1/flavors?nmae=gpu-box');
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /'nmae'/);
  });
});

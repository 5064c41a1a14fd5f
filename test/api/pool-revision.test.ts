import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

interface Brief { uuid: string; resource_uri: string; state: string; node_id: string | null }

/**
 * Every write to the inventory advances the pool revision, so a listing or show prepared before it
 * is never answered after it (on SQLite, and with COVALENCE_TEST_DB=postgres on PostgreSQL).
 */
describe('no stale answer after a write', () => {
  let s: Stack;
  let podm: string;
  /** The listing as a client that keeps its last answer sees it: revalidated with If-None-Match. */
  let etag = '';
  const listing = async (): Promise<Brief[]> => {
    const r = await s.call('GET', '/v1/devices', undefined, etag ? { 'if-none-match': etag } : {});
    assert.equal(r.status, 200, 'the listing changed, so it is answered in full');
    etag = r.headers.get('etag')!;
    assert.equal((await s.call('GET', '/v1/devices', undefined, { 'if-none-match': etag })).status, 304);
    return r.body;
  };
  const device = (list: Brief[], eemId: string) => list.find((d) => d.resource_uri === `devices/${eemId}`)!;

  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
    await listing();
  });
  after(() => s.close());

  it('compose, attach, detach, decompose: each shows at once in the next listing and in the show', async () => {
    const nic = device((await s.call('GET', '/v1/devices')).body, '0x7777777777');
    const show = await s.call('GET', `/v1/devices/${nic.uuid}`);
    const showTag = show.headers.get('etag')!;

    const node = (await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'fresh', properties: { pci_device: { type: ['NIC'] } } })).body;
    assert.equal(device(await listing(), '0x7777777777').state, 'allocated');
    const shown = await s.call('GET', `/v1/devices/${nic.uuid}`, undefined, { 'if-none-match': showTag });
    assert.equal(shown.status, 200);
    assert.equal(shown.body.node_id, node.index);

    const gpu = device(await s.call('GET', '/v1/devices').then((r) => r.body), '0x9999999999');
    assert.equal((await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: gpu.uuid } })).status, 204);
    assert.equal(device(await listing(), '0x9999999999').node_id, node.index);

    assert.equal((await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: gpu.uuid } })).status, 204);
    assert.equal(device(await listing(), '0x9999999999').state, 'free');

    assert.equal((await s.call('DELETE', `/v1/nodes/${node.uuid}`)).status, 200);
    assert.equal(device(await listing(), '0x7777777777').state, 'free');
  });

  it('a sync that finds a change on the fabric shows it at once; one that finds none keeps the ETag', async () => {
    await s.simControl('POST', '/_sim/devices', { status: 'eeio', id: '0x8cdf9d0000aa', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x8086', pcie_device_id: '0x1572' });
    assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm })).status, 200);
    assert.equal(device(await listing(), '0x8cdf9d0000aa').state, 'free');

    // Nothing changed: the listing revalidates, while the pod manager shows the later sync (shown to the second).
    const shown = await s.call('GET', `/v1/pod_managers/${podm}`);
    const listed = await s.call('GET', '/v1/pod_managers');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm })).status, 200);
    assert.equal((await s.call('GET', '/v1/devices', undefined, { 'if-none-match': etag })).status, 304, 'a sync that changed nothing keeps the ETag');
    const showAfter = await s.call('GET', `/v1/pod_managers/${podm}`, undefined, { 'if-none-match': shown.headers.get('etag')! });
    assert.equal(showAfter.status, 200, 'the pod manager shows when it ran');
    assert.ok(showAfter.body.last_sync_at > shown.body.last_sync_at);
    const listAfter = await s.call('GET', '/v1/pod_managers', undefined, { 'if-none-match': listed.headers.get('etag')! });
    assert.equal(listAfter.status, 200);
    assert.ok(listAfter.body.find((p: { uuid: string }) => p.uuid === podm).last_sync_at > shown.body.last_sync_at);
  });

  it('a listing prepared while a write commits is not kept under the older revision', async () => {
    // Many listings race many writes; each listing answered after a write finished must show it.
    const nic = device(await s.call('GET', '/v1/devices').then((r) => r.body), '0x7777777777');
    for (let i = 0; i < 5; i++) {
      const racing = Array.from({ length: 8 }, () => s.call('GET', '/v1/devices'));
      const node = (await s.call('POST', '/v1/nodes', { podm_id: podm, name: `race-${i}`, properties: { pci_device: { type: ['NIC'] } } })).body;
      await Promise.all(racing);
      const after = (await s.call('GET', `/v1/devices/${nic.uuid}`)).body;
      assert.equal(after.node_id, node.index);
      assert.equal(device((await s.call('GET', '/v1/devices')).body, '0x7777777777').node_id, node.index);
      await s.call('DELETE', `/v1/nodes/${node.uuid}`);
      assert.equal(device((await s.call('GET', '/v1/devices')).body, '0x7777777777').state, 'free');
    }
  });
});

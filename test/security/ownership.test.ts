// A node belongs to the project that composed or managed it: another project's member cannot see it
// or act on it (404, as if it did not exist); an admin sees every project's nodes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { addPodManager, as, isValenceError, people, type People } from './support.js';

describe('node ownership', () => {
  let s: Stack;
  let p: People;
  let podm: string;
  let node: string;
  before(async () => {
    s = await startStack({ auth: 'token' });
    p = await people(s);
    podm = await addPodManager(s, p.admin);
    const r = await s.call('POST', '/v1/nodes', { name: 'p1-node', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } }, as(p.member));
    assert.equal(r.status, 200, r.text);
    node = r.body.uuid;
  });
  after(() => s.close());
  const freeDevice = async () => (await s.call('GET', `/v1/devices?podm_id=${podm}&state=free&type=GPU`, undefined, as(p.admin))).body[0].uuid as string;

  it('records the project that composed the node', async () => {
    const shown = await s.call('GET', `/v1/nodes/${node}`, undefined, as(p.member));
    assert.equal(shown.status, 200);
    assert.equal(shown.body.project_id, 'p1');
  });

  it("hides it from another project's member: not listed, and 404 to show, attach, detach, decompose, register, deregister", async () => {
    const list = await s.call('GET', '/v1/nodes', undefined, as(p.otherMember));
    assert.deepEqual(list.body, []);
    const unknown = await s.call('GET', `/v1/nodes/${randomUUID()}`, undefined, as(p.otherMember));
    const device = await freeDevice();
    const attempts = [
      await s.call('GET', `/v1/nodes/${node}`, undefined, as(p.otherMember)),
      await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: device } }, as(p.otherMember)),
      await s.call('POST', `/v1/nodes/${node}/action`, { detach: { resource_id: device } }, as(p.otherMember)),
      await s.call('DELETE', `/v1/nodes/${node}`, undefined, as(p.otherMember)),
      await s.call('POST', `/v1/nodes/${node}/register`, { driver_info: {} }, as(p.otherMember)),
      await s.call('POST', `/v1/nodes/${node}/deregister`, undefined, as(p.otherMember)),
    ];
    for (const r of attempts) {
      assert.ok(isValenceError(r, 404), r.text);
      assert.equal(r.body.detail, `Composed node '${node}' not found.`, 'the same words as for a node that does not exist');
    }
    assert.equal(unknown.body.detail.replace(/'[^']+'/, "'…'"), attempts[0]!.body.detail.replace(/'[^']+'/, "'…'"));
    assert.equal((await s.call('GET', `/v1/nodes/${node}`, undefined, as(p.admin))).body.devices.length, 1, 'nothing was attached or taken away');
    assert.equal((await s.call('GET', `/v1/devices/${device}`, undefined, as(p.admin))).body.state, 'free');
  });

  it("lets its project's reader see it but not change it", async () => {
    assert.deepEqual((await s.call('GET', '/v1/nodes', undefined, as(p.reader))).body.map((n: { uuid: string }) => n.uuid), [node]);
    assert.equal((await s.call('GET', `/v1/nodes/${node}`, undefined, as(p.reader))).status, 200);
    assert.ok(isValenceError(await s.call('DELETE', `/v1/nodes/${node}`, undefined, as(p.reader)), 403));
  });

  it("shows an admin every project's nodes, filtered by project on request, and lets the admin act on them", async () => {
    const managed = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x1111111111' }, as(p.otherMember));
    assert.equal(managed.status, 200, managed.text);
    const all = await s.call('GET', '/v1/nodes', undefined, as(p.admin));
    assert.deepEqual(all.body.map((n: { uuid: string }) => n.uuid).sort(), [node, managed.body.uuid].sort());
    const p2 = await s.call('GET', '/v1/nodes?project_id=p2', undefined, as(p.admin));
    assert.deepEqual(p2.body.map((n: { uuid: string }) => n.uuid), [managed.body.uuid]);
    assert.deepEqual((await s.call('GET', '/v1/nodes?project_id=p2', undefined, as(p.member))).body, [], "a member's filter cannot reach another project");
    assert.equal((await s.call('GET', `/v1/nodes/${managed.body.uuid}`, undefined, as(p.otherMember))).body.project_id, 'p2', 'manage records the project too');
    assert.equal((await s.call('DELETE', `/v1/nodes/${managed.body.uuid}`, undefined, as(p.admin))).status, 200);
  });

  it("gives a node an admin composes to the admin's own project", async () => {
    const r = await s.call('POST', '/v1/nodes', { name: 'ops-node', podm_id: podm }, as(p.admin));
    assert.equal(r.status, 200, r.text);
    assert.equal((await s.call('GET', `/v1/nodes/${r.body.uuid}`, undefined, as(p.admin))).body.project_id, 'ops');
    assert.ok(isValenceError(await s.call('GET', `/v1/nodes/${r.body.uuid}`, undefined, as(p.member)), 404));
  });

  it('lets the owning member decompose it', async () => {
    assert.equal((await s.call('DELETE', `/v1/nodes/${node}`, undefined, as(p.member))).status, 200);
    assert.ok(isValenceError(await s.call('GET', `/v1/nodes/${node}`, undefined, as(p.admin)), 404));
  });
});

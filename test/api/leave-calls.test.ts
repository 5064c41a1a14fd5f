// Detach and decompose make no more EEM calls than the change needs (issue 16): a device the store
// saw in the node's group is taken out unread, with the version it was seen at, and the group is
// returned after one listing of it. What changed out of band since (an LED, a move, a device put
// into the group) makes the EEM refuse the unread change, and is still never undone or touched.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

const LEAVE = 'DELETE devices/{id}/group_id';

describe('detach and decompose: EEM calls', { timeout: 120_000 }, () => {
  let s: Stack;
  let podm: string;
  const groupOf = (id: string) => s.sim.fabric.get(id)?.group_id;
  const patch = (id: string, body: object) => s.simControl('PATCH', `/_sim/devices/${id}`, body);
  const resetStats = () => s.simControl('DELETE', '/_sim/stats');
  const stats = async (): Promise<{ total: number; calls: Record<string, number> }> => (await s.simControl('GET', '/_sim/stats')).body;
  const deviceOf = async (boardId: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === `devices/${boardId}`);

  /** A composed node: its uuid, server, group and its devices' board ids. */
  async function compose(types: string[]) {
    const made = await s.call('POST', '/v1/nodes', { name: 'n', podm_id: podm, properties: { pci_device: { type: types } } });
    assert.equal(made.status, 200, made.text);
    const server = made.body.index as string;
    const group = groupOf(server)!;
    const inGroup = s.sim.fabric.list().filter((b) => b.status === 'eeio' && b.group_id === group);
    assert.equal(inGroup.length, types.length);
    const boards = inGroup.map((b) => b.id);
    return { uuid: made.body.uuid as string, server, group, boards };
  }

  before(async () => {
    s = await startStack({ topology: { named: 'demo' } });
    podm = await s.addPodManager();
  });
  after(() => s.close());
  beforeEach(() => s.fresh());

  it('detach takes the device out in one call, with the version covalence recorded', async () => {
    const node = await compose(['NIC', 'SSD']);
    const [, second] = node.boards;
    await resetStats();
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: (await deviceOf(second!)).uuid } });
    assert.equal(r.status, 204, r.text);
    assert.deepEqual(await stats(), { total: 1, calls: { [LEAVE]: 1 } });
    assert.equal(groupOf(second!), '4093');
    const stored = await deviceOf(second!);
    assert.equal(stored.state, 'free');
    assert.equal((await s.call('GET', `/v1/devices/${stored.uuid}`)).body.pooled_group_id, '4093');
  });

  for (const types of [['NIC'], ['NIC', 'SSD', 'GPU']]) {
    it(`decompose of ${types.length} device(s) makes ${types.length + 2} calls: one leave each, one listing of the group, its return`, async () => {
      const node = await compose(types);
      await resetStats();
      const r = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(await stats(), { total: types.length + 2, calls: { [LEAVE]: types.length + 1, 'GET devices/detail': 1 } });
      for (const id of node.boards) assert.equal(groupOf(id), '4093', id);
      assert.equal(groupOf(node.server), '4094');
    });
  }

  it('a device whose LED was lit since covalence recorded it is read after the refusal, then detached', async () => {
    const node = await compose(['NIC']);
    const nic = node.boards[0]!;
    const device = await deviceOf(nic);
    const seen = s.sim.fabric.get(nic)!.update_time;
    assert.equal((await s.call('POST', `/v1/devices/${device.uuid}/action`, { locate: { on: true } })).status, 204);
    assert.notEqual(s.sim.fabric.get(nic)!.update_time, seen, 'the LED bumped the board version');
    await resetStats();
    const r = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: device.uuid } });
    assert.equal(r.status, 204, r.text);
    assert.deepEqual(await stats(), { total: 3, calls: { [LEAVE]: 2, 'GET devices/{id}': 1 } });
    assert.equal(groupOf(nic), '4093');
    assert.equal((await deviceOf(nic)).state, 'free');
  });

  it('decompose leaves a device moved to another group out of band where it is, and returns the emptied group', async () => {
    const node = await compose(['NIC']);
    const nic = node.boards[0]!;
    assert.equal((await patch(nic, { group_id: '777' })).status, 200);
    await resetStats();
    const r = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(groupOf(nic), '777', 'the refused leave moved nothing, and the read found it elsewhere');
    assert.equal(groupOf(node.server), '4094');
    assert.deepEqual(await stats(), { total: 4, calls: { [LEAVE]: 2, 'GET devices/detail': 1, 'GET devices/{id}': 1 } });
  });

  it("decompose leaves a device put into the node's group out of band there, and the group with it", async () => {
    const node = await compose(['NIC']);
    const foreign = (await s.call('GET', '/v1/devices?state=free&type=SSD')).body[0].resource_uri.replace('devices/', '');
    assert.equal((await patch(foreign, { group_id: node.group })).status, 200);
    const r = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(groupOf(node.boards[0]!), '4093');
    assert.equal(groupOf(foreign), node.group);
    assert.equal(groupOf(node.server), node.group);
  });

  it('a device put into the group after decompose listed it makes the EEM refuse the return: nothing is stranded', async () => {
    const node = await compose(['NIC']);
    const foreign = (await s.call('GET', '/v1/devices?state=free&type=SSD')).body[0].resource_uri.replace('devices/', '');
    // The server's leave is held on its way in, after the listing saw the group empty.
    await s.simControl('POST', '/_sim/faults', { method: 'DELETE', path: `devices/${node.server}/group_id`, latency_ms: 600, count: 1 });
    await resetStats();
    const decompose = s.call('DELETE', `/v1/nodes/${node.uuid}`);
    while (((await stats()).calls[LEAVE] ?? 0) < 2) await sleep(5);
    assert.equal((await patch(foreign, { group_id: node.group })).status, 200);
    const r = await decompose;
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.detail, new RegExp(`return group ${node.group} of server ${node.server}`));
    assert.equal(groupOf(node.server), node.group, 'the server keeps the group the foreign device is in');
    assert.equal(groupOf(foreign), node.group);
    assert.equal(groupOf(node.boards[0]!), '4093');
    const again = await s.call('DELETE', `/v1/nodes/${node.uuid}`);
    assert.equal(again.status, 200, again.text);
    assert.equal(groupOf(node.server), node.group);
    assert.equal(groupOf(foreign), node.group);
  });
});

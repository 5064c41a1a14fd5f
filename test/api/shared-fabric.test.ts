// The fabric is shared (ARCHITECTURE rule 7, issue 14): covalence moves only the devices its nodes
// attached or adopted, composes onto empty servers only, reports drift as node and device states,
// and every stuck node or device has a way out through the API.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

interface Brief { uuid: string; resource_uri: string; state: string; type: string | null; pooled_group_id: string }

describe('a shared fabric: ownership and node health', { timeout: 120_000 }, () => {
  let s: Stack;
  let podm: string;
  const groupOf = (id: string) => s.sim.fabric.get(id)?.group_id;
  const patch = (id: string, body: object) => s.simControl('PATCH', `/_sim/devices/${id}`, body);
  const sync = async () => (await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0];
  const devices = async (): Promise<Brief[]> => (await s.call('GET', '/v1/devices')).body;
  const fabricId = (d: Brief) => d.resource_uri.replace('devices/', '');
  const freeOf = async (type: string) => (await devices()).filter((d) => d.state === 'free' && d.type === type);
  const show = async (uuid: string) => (await s.call('GET', `/v1/nodes/${uuid}`)).body;

  /** A composed node with one NIC: its uuid, server, group and the NIC's board id. */
  async function composeNic(name = 'n') {
    const made = await s.call('POST', '/v1/nodes', { name, podm_id: podm, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(made.status, 200, made.text);
    const server = made.body.index as string;
    const group = groupOf(server)!;
    const nic = s.sim.fabric.list().find((b) => b.status === 'eeio' && b.group_id === group)!.id;
    return { uuid: made.body.uuid as string, server, group, nic };
  }

  before(async () => {
    s = await startStack({ topology: { named: 'demo' }, config: { removedGrace: 1 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());
  beforeEach(() => s.fresh());

  it("issue case 1: attaching a device someone put into the node's group is refused, and the undo leaves it there", async () => {
    const node = await composeNic();
    const [ssd] = await freeOf('SSD');
    assert.equal((await patch(fabricId(ssd!), { group_id: node.group })).status, 200);
    const answer = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: ssd!.uuid } });
    assert.equal(answer.status, 409, answer.text);
    assert.equal(groupOf(fabricId(ssd!)), node.group, 'the device stays in the group it was put in');
    assert.equal(groupOf(node.nic), node.group);
  });

  it("decompose takes out only the node's own devices; a foreign one stays, and so does the group", async () => {
    const node = await composeNic();
    const [ssd] = await freeOf('SSD');
    await patch(fabricId(ssd!), { group_id: node.group });
    await sync();
    const shown = await show(node.uuid);
    assert.equal(shown.state, 'degraded');
    assert.match(shown.state_reason, new RegExp(`${fabricId(ssd!)}, not attached by covalence`));
    const detach = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: ssd!.uuid } });
    assert.equal(detach.status, 409, 'covalence never detaches a device it did not attach');
    assert.match(detach.text, /attached outside covalence/);
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.uuid}`)).status, 200);
    assert.equal(groupOf(fabricId(ssd!)), node.group);
    assert.equal(groupOf(node.server), node.group, 'a group with foreign devices in it is not returned');
    assert.equal(groupOf(node.nic), '4093');
  });

  it('detach of an owned device moved to another group out of band is refused, saying where it is', async () => {
    const node = await composeNic();
    await patch(node.nic, { group_id: '777' });
    const nicUuid = (await devices()).find((d) => fabricId(d) === node.nic)!.uuid;
    const answer = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: nicUuid } });
    assert.equal(answer.status, 409, answer.text);
    assert.match(answer.text, /group 777/);
    assert.equal(groupOf(node.nic), '777');
  });

  it('issue case 3: compose never takes the server in group 16 with devices attached outside covalence', async () => {
    const taken = new Set<string>();
    for (let i = 0; ; i++) {
      const made = await s.call('POST', '/v1/nodes', { name: `e${i}`, podm_id: podm, properties: {} });
      if (made.status !== 200) {
        assert.equal(made.status, 404, made.text);
        break;
      }
      taken.add(made.body.index);
    }
    const busyServer = s.sim.fabric.list().find((b) => b.status === 'eesv' && b.group_id === '16')!.id;
    assert.equal(taken.size, 3);
    assert.ok(!taken.has(busyServer));
    assert.deepEqual(s.sim.fabric.list().filter((b) => b.group_id === '16').length, 3, 'group 16 keeps its server, NIC and SSD');
  });

  it('compose checks a server that has a group on the fabric for members before joining it', async () => {
    const servers = s.sim.fabric.list().filter((b) => b.status === 'eesv' && b.group_id === '4094').map((b) => b.id);
    for (const id of servers.slice(0, 2)) assert.equal((await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: id })).status, 200);
    await patch(servers[2]!, { group_id: '20' });
    await sync();
    const [nic] = await freeOf('NIC');
    await patch(fabricId(nic!), { group_id: '20' });
    const made = await s.call('POST', '/v1/nodes', { name: 'late', podm_id: podm, properties: { pci_device: { type: ['SSD'] } } });
    assert.equal(made.status, 409, made.text);
    assert.match(made.text, /devices attached outside covalence in its group 20/);
    assert.equal(groupOf(fabricId(nic!)), '20');
  });

  it('manage adopts the devices in the server group; one put there later is not its to move', async () => {
    const server = s.sim.fabric.list().find((b) => b.status === 'eesv' && b.group_id === '16')!.id;
    const adopted = s.sim.fabric.list().filter((b) => b.status === 'eeio' && b.group_id === '16').map((b) => b.id);
    const managed = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: server });
    assert.equal(managed.status, 200, managed.text);
    assert.equal((await show(managed.body.uuid)).state, 'composed');
    const [gpu] = await freeOf('GPU');
    await patch(fabricId(gpu!), { group_id: '16' });
    await sync();
    const shown = await show(managed.body.uuid);
    assert.equal(shown.state, 'degraded');
    assert.match(shown.state_reason, new RegExp(`${fabricId(gpu!)}, not attached by covalence`));
    for (const id of adopted) assert.doesNotMatch(shown.state_reason, new RegExp(id));
    assert.equal((await s.call('DELETE', `/v1/nodes/${managed.body.uuid}`)).status, 200);
    for (const id of adopted) assert.equal(groupOf(id), '4093');
    assert.equal(groupOf(fabricId(gpu!)), '16');
  });

  it('a node whose device is unplugged is degraded with the reason, and composed again once it is back', async () => {
    const node = await composeNic();
    const saved = s.sim.fabric.get(node.nic)!;
    await s.simControl('DELETE', `/_sim/devices/${node.nic}`);
    await sync();
    const degraded = await show(node.uuid);
    assert.equal(degraded.state, 'degraded');
    assert.match(degraded.state_reason, new RegExp(`${node.nic} is gone`));
    const listed = (await s.call('GET', '/v1/nodes')).body.find((n: { uuid: string }) => n.uuid === node.uuid);
    assert.equal(listed.state, 'degraded');
    assert.match((await s.call('GET', '/metrics')).text, /covalence_nodes\{podm="[^"]+",state="degraded"\} 1/);
    await s.simControl('POST', '/_sim/devices', saved);
    await sync();
    const healed = await show(node.uuid);
    assert.equal(healed.state, 'composed');
    assert.equal(healed.state_reason, null);
  });

  it('issue case 4: a node whose server was unplugged is lost; only decompose is allowed, and it succeeds', async () => {
    const node = await composeNic();
    await s.simControl('DELETE', `/_sim/devices/${node.server}`);
    await sync();
    const lost = await show(node.uuid);
    assert.equal(lost.state, 'lost');
    assert.match(lost.state_reason, /gone from the EEM/);
    const nicDevice = (await devices()).find((d) => fabricId(d) === node.nic)!;
    assert.equal(nicDevice.state, 'orphaned');
    const [ssd] = await freeOf('SSD');
    const attach = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: ssd!.uuid } });
    assert.equal(attach.status, 409);
    assert.match(attach.text, /lost/);
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.uuid}`)).status, 200);
    assert.equal((await s.call('GET', `/v1/nodes/${node.uuid}`)).status, 404);
    assert.equal(groupOf(node.nic), '4093', 'what it owned and the fabric still showed in its group is back in the pool');
  });

  it('issue case 4: a node whose server was moved to another group is lost, and DELETE returns its devices', async () => {
    const node = await composeNic();
    await patch(node.server, { group_id: '778' });
    await sync();
    assert.equal((await show(node.uuid)).state, 'lost');
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.uuid}`)).status, 200);
    assert.equal(groupOf(node.nic), '4093');
    assert.equal(groupOf(node.server), '778', 'the server is not covalence to move back');
  });

  it('a failed attach is undone before its resync starts, so the resync never meets the held device', async () => {
    const deferred = async () => [...(await s.call('GET', '/metrics')).text.matchAll(/^covalence_sync_changes_total\{[^}]*change="deferred"[^}]*\} (\d+)/gm)]
      .reduce((n, m) => n + Number(m[1]), 0);
    const node = await composeNic();
    const [gpu] = await freeOf('GPU');
    const id = fabricId(gpu!);
    await s.simControl('POST', '/_sim/faults', { method: 'PUT', path: `devices/${id}/group_id`, status: 500, code: '50000', message: 'injected', count: 1 });
    // The undo reads the device slowly: a resync started before it would read the store meanwhile.
    await s.simControl('POST', '/_sim/faults', { method: 'GET', path: `devices/${id}$`, latency_ms: 400, count: 2 });
    const before = await deferred();
    const answer = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: gpu!.uuid } });
    assert.equal(answer.status, 502, answer.text);
    assert.equal((await sync()).deferred, 0); // joins the background resync if it is still running
    assert.equal(await deferred(), before, 'no resync found the device still held by the attach');
    assert.equal(groupOf(id), '4093');
  });

  it('a device left in a group no server is in is orphaned, and an admin release returns it to the pool', async () => {
    const [gpu] = await freeOf('GPU');
    await patch(fabricId(gpu!), { group_id: '901' });
    await sync();
    assert.equal((await s.call('GET', `/v1/devices/${gpu!.uuid}`)).body.state, 'orphaned');
    const released = await s.call('POST', `/v1/devices/${gpu!.uuid}/release`);
    assert.equal(released.status, 200, released.text);
    assert.equal(released.body.state, 'free');
    assert.equal(groupOf(fabricId(gpu!)), '4093');
    const [nic] = await freeOf('NIC');
    const free = await s.call('POST', `/v1/devices/${nic!.uuid}/release`);
    assert.equal(free.status, 200, 'a free device is released already');
    const node = await composeNic();
    const nicUuid = (await devices()).find((d) => fabricId(d) === node.nic)!.uuid;
    const attached = await s.call('POST', `/v1/devices/${nicUuid}/release`);
    assert.equal(attached.status, 409, 'an attached device is not released: detach it');
    assert.match(attached.body.detail, new RegExp(`Device ${nicUuid} is allocated, not orphaned`));
    assert.equal(groupOf(node.nic), node.group);
    const audit = await s.call('GET', '/v1/audit?action=device.release');
    assert.equal(audit.status, 200, audit.text);
    assert.ok(JSON.stringify(audit.body).includes(gpu!.uuid), 'the release is audited');
  });
});

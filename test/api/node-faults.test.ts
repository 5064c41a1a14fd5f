import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

/** How the EEM fails a call: an error, garbage, a dropped connection, an answer past the read timeout. */
const FAULTS = {
  'an error status': { status: 500, code: '50000', message: 'injected' },
  'a garbage body': { status: 200, body: '<html>proxy error</html>' },
  'a dropped connection': { drop: true },
  // Well past the 1 s read timeout, so a busy machine's event-loop lag cannot let the answer win.
  'latency past the timeout': { latency_ms: 2500 },
} as const;

interface Case { op: string; call: string; method: string; path: string }

/** Every EEM call each operation makes, in order (the fixtures' 0x3333333333 starts in 4094). */
const CASES: Case[] = [
  { op: 'compose', call: 'read the server', method: 'GET', path: 'devices/0x3333333333$' },
  { op: 'compose', call: "give the server a group", method: 'PUT', path: 'devices/0x3333333333/group_id' },
  { op: 'compose', call: 'attach the NIC', method: 'PUT', path: 'devices/0x7777777777/group_id' },
  { op: 'compose', call: 'attach the SSD', method: 'PUT', path: 'devices/0x8888888888/group_id' },
  { op: 'attach', call: 'read the server', method: 'GET', path: 'devices/0x3333333333$' },
  { op: 'attach', call: 'give the server a group', method: 'PUT', path: 'devices/0x3333333333/group_id' },
  { op: 'attach', call: 'attach the GPU', method: 'PUT', path: 'devices/0x9999999999/group_id' },
  // Detach and decompose take out unread a device the store saw in the group; it is read only
  // once the EEM refused that (here: its locate LED was lit, which bumps its version).
  { op: 'detach', call: 'detach the device', method: 'DELETE', path: 'devices/0x8cdf9d911cb0/group_id' },
  { op: 'detach a device whose LED was lit', call: 'read the device', method: 'GET', path: 'devices/0x8cdf9d911cb0$' },
  // A managed node's decompose lists no group: the group is not covalence's to return (issue 14).
  { op: 'decompose', call: 'detach the first device', method: 'DELETE', path: 'devices/0x8cdf9d53e9d8/group_id' },
  { op: 'decompose', call: 'detach the second device', method: 'DELETE', path: 'devices/0x8cdf9d911cb0/group_id' },
  { op: 'decompose a composed node', call: 'detach the NIC', method: 'DELETE', path: 'devices/0x7777777777/group_id' },
  { op: 'decompose a composed node', call: 'list its group', method: 'GET', path: 'devices/detail' },
  { op: 'decompose a composed node', call: 'return its group', method: 'DELETE', path: 'devices/0x3333333333/group_id' },
];

describe('a dropped connection on a read', () => {
  it('is retried once, transparently', async () => {
    const s = await startStack();
    try {
      const podm = await s.addPodManager();
      await s.simControl('POST', '/_sim/faults', { method: 'GET', path: 'devices/0x3333333333$', drop: true });
      const r = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'n', properties: { pci_device: { type: ['NIC'] } } });
      assert.equal(r.status, 200, r.text);
      assert.equal((await s.simControl('GET', '/_sim/faults')).body[0]?.remaining ?? 0, 0, 'the fault was hit');
    } finally {
      await s.close();
    }
  });
});

describe('a failing EEM call leaves the fabric and the store agreeing, and nothing attached that no node owns', () => {
  let s: Stack;
  let podm: string;
  const uuidOf = async (eemId: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === `devices/${eemId}`).uuid;

  before(async () => {
    s = await startStack({ config: { eemReadTimeout: 1 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());

  /** Sets the scene for an operation and returns the request that will meet the fault. */
  async function prepare(op: string): Promise<() => ReturnType<Stack['call']>> {
    await s.fresh();
    const managed = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x1111111111' });
    switch (op) {
      case 'compose':
        return () => s.call('POST', '/v1/nodes', { podm_id: podm, name: 'n', properties: { pci_device: { type: ['NIC', 'SSD'] } } });
      case 'attach': {
        const node = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'empty' });
        const gpu = await uuidOf('0x9999999999');
        return () => s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: gpu } });
      }
      case 'detach':
      case 'detach a device whose LED was lit': {
        const nic = await uuidOf('0x8cdf9d911cb0');
        if (op !== 'detach') assert.equal((await s.call('POST', `/v1/devices/${nic}/action`, { locate: { on: true } })).status, 204);
        return () => s.call('POST', `/v1/nodes/${managed.body.uuid}/action`, { detach: { resource_id: nic } });
      }
      case 'decompose a composed node': {
        const node = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'n', properties: { pci_device: { type: ['NIC'] } } });
        return () => s.call('DELETE', `/v1/nodes/${node.body.uuid}`);
      }
      default:
        return () => s.call('DELETE', `/v1/nodes/${managed.body.uuid}`);
    }
  }

  async function assertConsistent(label: string): Promise<void> {
    const nodes = (await s.call('GET', '/v1/nodes')).body as Array<{ uuid: string; index: string }>;
    const nodeServers = new Set(nodes.map((n) => n.index));
    for (const n of nodes) {
      const d = await s.call('GET', `/v1/nodes/${n.uuid}`);
      assert.equal(d.body.state, 'composed', `${label}: node ${n.index} is at rest`);
    }
    const servers = s.sim.fabric.list({ status: 'eesv' });
    for (const io of s.sim.fabric.list({ status: 'eeio' })) {
      if (io.group_id === '4093') continue;
      const owner = servers.find((sv) => sv.group_id === io.group_id);
      assert.ok(owner && nodeServers.has(owner.id), `${label}: ${io.id} in group ${io.group_id} belongs to a node`);
    }
    for (const sv of servers) {
      if (sv.id === '0x3333333333' && !nodeServers.has(sv.id)) assert.equal(sv.group_id, '4094', `${label}: an undone server gave its group back`);
    }
    for (const d of (await s.call('GET', '/v1/devices')).body) {
      const fabric = s.sim.fabric.get(d.resource_uri.replace('devices/', ''));
      assert.equal(d.pooled_group_id, fabric?.group_id, `${label}: the store agrees on ${d.resource_uri}`);
    }
  }

  for (const c of CASES) {
    for (const [kind, fault] of Object.entries(FAULTS)) {
      it(`${c.op}: ${c.call} meets ${kind}`, async () => {
        const request = await prepare(c.op);
        // A GET that loses its connection is retried once (it changes nothing), so that fault hits twice.
        const count = c.method === 'GET' && 'drop' in fault ? 2 : 1;
        await s.simControl('POST', '/_sim/faults', { method: c.method, path: c.path, count, ...fault });
        const r = await request();
        assert.ok([409, 502, 503, 504].includes(r.status), `${r.status} ${r.text}`);
        assert.equal(r.body.status, r.status);
        assert.match(r.body.detail, /pod manager podm1/);
        assert.match(r.body.detail, /failed at step/);
        if ('latency_ms' in fault) await sleep(1700); // let the late call land (and be refused)
        await assertConsistent(`${c.op}/${c.call}/${kind}`);
        await s.simControl('DELETE', '/_sim/faults');
        assert.equal((await request()).status < 300, true, 'the same request succeeds once the EEM behaves');
      });
    }
  }
});

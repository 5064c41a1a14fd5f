// The fabric is shared: every out-of-band change the simulator can make, crossed with every
// operation. After each: covalence changed no board it does not own (checked on the simulator's
// own state), store and fabric agree after the next sync, every node is in a state with a
// reason, and whatever is stuck can be resolved through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertOnlyOwnedMoved, assertStoreAgrees, groups, resolveEverything, settledNodes } from '../support/fabric-invariants.js';
import { startStack, type Answer, type Stack } from '../../support/stack.js';

/** A composed node of the case, with the boards it owns. */
interface Case {
  node: string;
  server: string;
  owned: string[];
  /** A free device of the node's generation, for attach. */
  spare: string;
  /** Boards put in place outside covalence: never to be moved by it. */
  foreign: Set<string>;
}

interface Change {
  name: string;
  /** Makes the change on the fabric; returns boards that are now someone else's. */
  apply(s: Stack, c: Case): Promise<string[]>;
  /** Undone before the check-up sync (faults), when the change is transient. */
  clear?: (s: Stack) => Promise<void>;
  /** The node's state once a sync has seen the change (when no operation touched the node). */
  nodeState?: 'composed' | 'degraded' | 'lost';
}

interface Operation {
  name: string;
  run(s: Stack, podm: string, c: Case): Promise<Answer>;
}

/** A server with devices attached outside covalence, present in every case. */
const FOREIGN_GROUP = '900';

const patch = (s: Stack, id: string, body: object) => s.simControl('PATCH', `/_sim/devices/${id}`, body);
const hang = (s: Stack, path: string) => s.simControl('POST', '/_sim/faults', { path, latency_ms: 3_000, count: 1_000 });

const CHANGES: Change[] = [
  { name: 'nothing changed', apply: async () => [], nodeState: 'composed' },
  { name: 'an attached device unplugged', apply: async (s, c) => (await s.simControl('DELETE', `/_sim/devices/${c.owned[0]}`), []), nodeState: 'degraded' },
  { name: "the node's server unplugged", apply: async (s, c) => (await s.simControl('DELETE', `/_sim/devices/${c.server}`), []), nodeState: 'lost' },
  { name: 'an attached device moved to another group', apply: async (s, c) => (await patch(s, c.owned[1]!, { group_id: '777' }), [c.owned[1]!]), nodeState: 'degraded' },
  { name: "the node's server moved to another group", apply: async (s, c) => (await patch(s, c.server, { group_id: '778' }), [c.server]), nodeState: 'lost' },
  { name: "an attached device's link down", apply: async (s, c) => (await patch(s, c.owned[0]!, { notification_status0: ['down', 'down'] }), []), nodeState: 'degraded' },
  { name: "the node's server powered off", apply: async (s, c) => (await patch(s, c.server, { power_status: 'off' }), []) },
  { name: 'an attached device disabled by an admin', apply: async (s, c) => (await patch(s, c.owned[0]!, { admin_status: 'disable' }), []), nodeState: 'degraded' },
  {
    name: 'the EEM reset to an empty listing',
    apply: async (s) => {
      await s.simControl('POST', '/_sim/faults', { method: 'GET', path: 'devices/detail', body: { devices: [] }, status: 200, count: 1_000 });
      return [];
    },
    clear: (s) => s.simControl('DELETE', '/_sim/faults').then(() => undefined),
    nodeState: 'composed',
  },
  { name: "a free device put into the node's group", apply: async (s, c) => (await patch(s, c.spare, { group_id: groupOf(s, c.server) }), [c.spare]), nodeState: 'degraded' },
  { name: 'the EEM hung', apply: async (s) => (await hang(s, '/'), []), clear: (s) => s.simControl('DELETE', '/_sim/faults').then(() => undefined) },
];

const OPERATIONS: Operation[] = [
  { name: 'sync', run: (s, podm) => s.call('POST', '/v1/devices/sync', { podm_id: podm }) },
  { name: 'compose', run: (s, podm) => s.call('POST', '/v1/nodes', { name: 'drift-new', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } }) },
  { name: 'attach', run: async (s, _p, c) => s.call('POST', `/v1/nodes/${c.node}/action`, { attach: { resource_id: await uuidOf(s, c.spare) } }) },
  { name: 'detach', run: async (s, _p, c) => s.call('POST', `/v1/nodes/${c.node}/action`, { detach: { resource_id: await uuidOf(s, c.owned[0]!) } }) },
  { name: 'decompose', run: (s, _p, c) => s.call('DELETE', `/v1/nodes/${c.node}`) },
];

function groupOf(s: Stack, id: string): string {
  return s.sim.fabric.get(id)!.group_id;
}

async function uuidOf(s: Stack, eemId: string): Promise<string> {
  const all = (await s.call('GET', '/v1/devices')).body as Array<{ uuid: string; resource_uri: string }>;
  return all.find((d) => d.resource_uri === `devices/${eemId}`)?.uuid ?? `unknown-${eemId}`;
}


describe('drift: the fabric changed underneath covalence', { timeout: 600_000 }, () => {
  let s: Stack;
  let podm: string;

  before(async () => {
    s = await startStack({
      topology: { generate: { servers: 6, devices: 24, seed: 7 } },
      config: { removedGrace: 1, eemReadTimeout: 1, eemConnectTimeout: 1 },
    });
    podm = await s.addPodManager();
  });
  after(() => s.close());

  /** Fresh fabric, a server with foreign devices, and one node of covalence's with a NIC and an SSD. */
  async function setUp(): Promise<Case> {
    await s.simControl('DELETE', '/_sim/faults');
    await s.simControl('POST', '/_sim/reset');
    const boards = s.sim.fabric.list();
    const servers = boards.filter((b) => b.status === 'eesv' && b.type === '40g');
    const nics = boards.filter((b) => b.status === 'eeio' && 'pcie_class_code' in b && b.pcie_class_code === '0x020000');
    const foreignServer = servers[0]!;
    const foreignDevice = nics.at(-1)!;
    assert.equal((await patch(s, foreignServer.id, { group_id: FOREIGN_GROUP })).status, 200);
    assert.equal((await patch(s, foreignDevice.id, { group_id: FOREIGN_GROUP })).status, 200);
    assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0].status, 'SUCCESS');
    const made = await s.call('POST', '/v1/nodes', { name: 'drift', podm_id: podm, properties: { pci_device: { type: ['NIC', 'SSD'] } } });
    assert.equal(made.status, 200, made.text);
    const node = made.body.uuid as string;
    const server = made.body.index as string;
    assert.notEqual(server, foreignServer.id, 'compose never takes a server with devices attached outside covalence');
    const group = groupOf(s, server);
    const owned = s.sim.fabric.list().filter((b) => b.status === 'eeio' && b.group_id === group).map((b) => b.id);
    assert.equal(owned.length, 2);
    const spare = nics.find((d) => groupOf(s, d.id) === '4093')!.id;
    return { node, server, owned, spare, foreign: new Set([foreignServer.id, foreignDevice.id]) };
  }

  for (const change of CHANGES) {
    for (const op of OPERATIONS) {
      it(`${change.name}, then ${op.name}`, async () => {
        const c = await setUp();
        for (const id of await change.apply(s, c)) c.foreign.add(id);
        const before = groups(s);
        const ownedBefore = new Set([c.server, ...c.owned].filter((id) => !c.foreign.has(id)));
        const started = Date.now();
        const devicesBefore = (await s.call('GET', '/v1/devices')).body;
        const answer = await op.run(s, podm, c);
        if (change.name === 'the EEM reset to an empty listing' && op.name === 'sync') {
          assert.equal(answer.body[0].status, 'SUSPECT', 'a listing that drops every server is not taken as truth');
          assert.deepEqual((await s.call('GET', '/v1/devices')).body, devicesBefore, 'a distrusted listing changes nothing');
        }
        assert.ok(Date.now() - started < 15_000, `${op.name} answered within bounded time (${Date.now() - started} ms)`);
        assert.ok(answer.status < 500 || [502, 503, 504].includes(answer.status), `${op.name}: ${answer.status} ${answer.text}`);
        await change.clear?.(s);
        await settledNodes(s);

        // Only what covalence owns, or what was free in the pool, may have moved.
        assertOnlyOwnedMoved(before, groups(s), ownedBefore, c.foreign);

        // After a sync, the store says what the fabric says, and every node has a state with a reason.
        const { nodes, devices } = await assertStoreAgrees(s, podm);
        if (change.nodeState && (op.name === 'sync' || op.name === 'compose')) {
          assert.equal(nodes.find((n) => n.uuid === c.node)?.state, change.nodeState, `the node after ${change.name}`);
        }

        // Everything stuck can be resolved through the API, moving nothing else that is not covalence's.
        const fabric = groups(s);
        const released = await resolveEverything(s, nodes, devices);
        for (const id of c.foreign) {
          if (fabric.has(id) && !released.has(id)) assert.equal(groups(s).get(id), fabric.get(id), `resolving moved ${id}, which is not covalence's`);
        }
      });
    }
  }
});

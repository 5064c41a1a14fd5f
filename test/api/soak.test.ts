// A seeded soak of the shared fabric: random out-of-band changes interleaved with operations from
// several clients, with the shared-fabric invariants checked after every step. The same seed gives
// the same run: SOAK_SEED=… SOAK_STEPS=… node --test dist/test/api/soak.test.js (`npm run soak`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Rng } from '../../src/sim/eem/rng.js';
import type { EemDevice } from '../../src/sim/eem/device.js';
import { assertStoreAgrees, groups, resolveEverything, settledNodes } from '../support/fabric-invariants.js';
import { startStack, type Stack } from '../../support/stack.js';

const SEED = Number(process.env.SOAK_SEED ?? 20261203);
const STEPS = Number(process.env.SOAK_STEPS ?? 20);
const CLIENTS = 3;
const TYPES = ['NIC', 'SSD', 'GPU'] as const;

describe(`soak of a shared fabric (seed ${SEED}, ${STEPS} steps)`, { timeout: 600_000 }, () => {
  let s: Stack;
  let podm: string;
  /** Boards this test put into a group out of band, and where: covalence must leave them there. */
  const foreign = new Map<string, string>();
  /** Boards this test unplugged, to plug back later. */
  const unplugged: EemDevice[] = [];
  const log: string[] = [];

  before(async () => {
    s = await startStack({ topology: { generate: { servers: 8, devices: 32, seed: SEED % 1000 } }, config: { eemReadTimeout: 1, eemConnectTimeout: 1 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());

  const boards = () => s.sim.fabric.list();
  const devices = async () => (await s.call('GET', '/v1/devices')).body as Array<{ uuid: string; state: string; resource_uri: string; node_id: string | null }>;
  const nodes = async () => (await s.call('GET', '/v1/nodes')).body as Array<{ uuid: string }>;

  /** One API call a client might make now. */
  async function operation(rng: Rng): Promise<string> {
    const roll = rng.int(5);
    if (roll === 0) {
      const types = Array.from({ length: rng.int(3) }, () => rng.pick(TYPES));
      const r = await s.call('POST', '/v1/nodes', { name: `soak-${rng.int(1e6)}`, podm_id: podm, properties: { pci_device: { type: types } } });
      return `compose ${types.join('+')}: ${r.status}`;
    }
    const all = await nodes();
    if (roll === 1 || all.length === 0) return `sync: ${(await s.call('POST', '/v1/devices/sync', { podm_id: podm })).status}`;
    const node = rng.pick(all).uuid;
    const pool = await devices();
    if (roll === 2) {
      const free = pool.filter((d) => d.state === 'free');
      if (free.length === 0) return 'attach: nothing free';
      const r = await s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: rng.pick(free).uuid } });
      return `attach: ${r.status}`;
    }
    if (roll === 3) {
      const attached = pool.filter((d) => d.node_id !== null);
      if (attached.length === 0) return 'detach: nothing attached';
      const r = await s.call('POST', `/v1/nodes/${node}/action`, { detach: { resource_id: rng.pick(attached).uuid } });
      return `detach: ${r.status}`;
    }
    return `decompose: ${(await s.call('DELETE', `/v1/nodes/${node}`)).status}`;
  }

  /** One change someone else makes on the EEM now. */
  async function outOfBand(rng: Rng): Promise<string> {
    const present = boards();
    const board = rng.pick(present);
    const roll = rng.int(6);
    if (roll === 0 && unplugged.length > 0) {
      const back = unplugged.splice(rng.int(unplugged.length), 1)[0]!;
      const r = await s.simControl('POST', '/_sim/devices', { ...back, group_id: back.status === 'eesv' ? '4094' : '4093' });
      return `replug ${back.id}: ${r.status}`;
    }
    if (roll === 1) {
      unplugged.push(board);
      foreign.delete(board.id);
      return `unplug ${board.id}: ${(await s.simControl('DELETE', `/_sim/devices/${board.id}`)).status}`;
    }
    if (roll === 2 && board.status === 'eeio') {
      const nodeGroups = present.filter((b) => b.status === 'eesv' && b.group_id !== '4094').map((b) => b.group_id);
      const group = rng.pick([...nodeGroups, '901', '902', '4093']);
      const r = await s.simControl('PATCH', `/_sim/devices/${board.id}`, { group_id: group });
      if (r.status === 200 && group !== '4093') foreign.set(board.id, group);
      if (r.status === 200 && group === '4093') foreign.delete(board.id);
      return `move ${board.id} to ${group}: ${r.status}`;
    }
    const field = board.status === 'eesv'
      ? { power_status: rng.pick(['on', 'off']) }
      : rng.int(2) === 0 ? { notification_status0: rng.pick([['up', 'down'], ['down', 'down']]) } : { admin_status: rng.pick(['enable', 'disable']) };
    return `patch ${board.id} ${JSON.stringify(field)}: ${(await s.simControl('PATCH', `/_sim/devices/${board.id}`, field)).status}`;
  }

  function assertForeignUntouched(step: number): void {
    const now = groups(s);
    for (const [id, group] of foreign) {
      if (now.has(id)) assert.equal(now.get(id), group, `step ${step} (seed ${SEED}): ${id} was put in group ${group} by someone else and moved by covalence\n${log.join('\n')}`);
    }
  }

  it('keeps every invariant after every step, and everything can be resolved at the end', async () => {
    for (let step = 1; step <= STEPS; step++) {
      // Each actor draws from a stream of its own, so its choices do not depend on who answered first.
      const stream = (actor: number) => new Rng(SEED * 7919 + step * 31 + actor);
      const done = await Promise.all([outOfBand(stream(0)), ...Array.from({ length: CLIENTS }, (_, i) => operation(stream(i + 1)))]);
      log.push(`${step}: ${done.join('; ')}`);
      for (const line of done) assert.doesNotMatch(line, /: 500$/, `step ${step} (seed ${SEED}): ${line}\n${log.join('\n')}`);
      await settledNodes(s);
      assertForeignUntouched(step);
      await assertStoreAgrees(s, podm);
      assertForeignUntouched(step);
    }
    const { nodes: left, devices: pool } = await assertStoreAgrees(s, podm);
    const released = await resolveEverything(s, left, pool);
    for (const id of released) foreign.delete(id);
    assertForeignUntouched(STEPS + 1);
  });
});

// What must hold on a shared fabric whatever changed underneath covalence (ARCHITECTURE rule 7),
// checked on the simulator's own state: used by the drift suite and the soak.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from '../../support/stack.js';

export interface ShownNode {
  uuid: string;
  index: string;
  state: string;
  state_reason?: string | null;
}

const AT_REST = new Set(['composed', 'degraded', 'lost']);

/** Board id → group id, as the simulated EEM has it now. */
export const groups = (s: Stack) => new Map(s.sim.fabric.list().map((b) => [b.id, b.group_id]));

/**
 * Waits until no node is mid-operation and no journalled operation is open: a failed operation's
 * undo, or one left unfinished while the EEM hung, is carried out by the service itself, and until
 * it commits the store and the fabric may disagree about what it moves.
 */
export async function settledNodes(s: Stack, ms = 30_000): Promise<ShownNode[]> {
  const until = Date.now() + ms;
  for (;;) {
    const nodes = (await s.call('GET', '/v1/nodes')).body as Array<{ uuid: string }>;
    const shown = (await Promise.all(nodes.map(async (n) => (await s.call('GET', `/v1/nodes/${n.uuid}`)).body))) as ShownNode[];
    const open = Number(/^covalence_journal_operations_open (\d+)$/m.exec((await s.call('GET', '/metrics')).text)?.[1]);
    if (open === 0 && shown.every((n) => n === undefined || AT_REST.has(n.state))) return shown.filter((n) => n !== undefined);
    assert.ok(Date.now() < until, `not settled after ${ms} ms: ${open} operations open, nodes ${JSON.stringify(shown.map((n) => [n.state, n.state_reason]))}`);
    await sleep(200);
  }
}

/** Boards in `foreign` kept their group; every other board that moved was free or `owned` before. */
export function assertOnlyOwnedMoved(before: Map<string, string>, after: Map<string, string>, owned: Set<string>, foreign: Set<string>): void {
  for (const [id, group] of after) {
    const was = before.get(id);
    if (was === undefined || was === group) continue;
    assert.ok(!foreign.has(id), `${id} is not covalence's, yet moved from group ${was} to ${group}`);
    assert.ok(was === '4093' || was === '4094' || owned.has(id), `${id} moved from group ${was} to ${group}: neither free nor covalence's`);
  }
}

/** Syncs, then: the store lists every device where the fabric has it, and no node is at rest without a reason. */
export async function assertStoreAgrees(s: Stack, podm: string): Promise<{ nodes: ShownNode[]; devices: Array<{ uuid: string; resource_uri: string; state: string }> }> {
  // A call whose answer was lost can still land after any sync: the EEM (and the simulator) carries
  // out a DELETE its client gave up on. When the EEM hung, a detach's leave and the fence meant to
  // stop it both time out, and the leave lands seconds later; under load that is after the first
  // sync here (seen as "store 16 (allocated), fabric 4093" with the sync reporting it unchanged).
  // The next sync takes the board back as free, so the store must agree after a few, and the first
  // disagreement is reported on stderr with what each side said.
  const until = Date.now() + 15_000;
  let first: string | undefined;
  for (;;) {
    const synced = await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    assert.equal(synced.status, 200, synced.text);
    assert.equal(synced.body[0].status, 'SUCCESS', synced.text);
    const nodes = await settledNodes(s);
    for (const n of nodes) if (n.state !== 'composed') assert.ok(n.state_reason, `node ${n.uuid} is ${n.state} without a reason`);
    assert.equal(new Set(nodes.map((n) => n.index)).size, nodes.length, 'no two nodes share a server');
    const fabric = groups(s);
    const devices = (await s.call('GET', '/v1/devices')).body as Array<{ uuid: string; resource_uri: string; pooled_group_id: string; state: string }>;
    const disagreement = devices.map((d) => {
      const id = d.resource_uri.replace('devices/', '');
      if (d.state === 'removed') return fabric.get(id) === undefined ? undefined : `${id} is removed in the store but on the fabric`;
      return d.pooled_group_id === fabric.get(id) ? undefined : `${id}: store ${d.pooled_group_id} (${d.state}), fabric ${fabric.get(id)}`;
    }).find((x) => x !== undefined);
    if (disagreement === undefined) {
      if (first !== undefined) process.stderr.write(`store and fabric disagreed after a sync, then agreed: ${first}\n`);
      return { nodes, devices };
    }
    first ??= `${disagreement}; sync ${synced.text}`;
    assert.ok(Date.now() < until, `${disagreement} (first: ${first})`);
    await sleep(500);
  }
}

/**
 * Everything stuck can be resolved through the API: every node deleted (also a lost one), every
 * orphaned device released. Returns the boards released, the one admin action that may move a
 * board covalence does not own.
 */
export async function resolveEverything(s: Stack, nodes: ShownNode[], devices: Array<{ uuid: string; resource_uri: string; state: string }>): Promise<Set<string>> {
  for (const n of nodes) {
    const gone = await s.call('DELETE', `/v1/nodes/${n.uuid}`);
    assert.ok([200, 204].includes(gone.status), `DELETE of a ${n.state} node: ${gone.status} ${gone.text}`);
  }
  const released = new Set<string>();
  for (const d of devices.filter((x) => x.state === 'orphaned')) {
    const freed = await s.call('POST', `/v1/devices/${d.uuid}/release`);
    assert.ok([200, 204].includes(freed.status), `release of orphan ${d.resource_uri}: ${freed.status} ${freed.text}`);
    released.add(d.resource_uri.replace('devices/', ''));
  }
  assert.deepEqual((await s.call('GET', '/v1/nodes')).body, []);
  return released;
}

// A hung or slow EEM: every node operation answers in bounded time, a failed undo is retried by the
// service itself (with backoff, no restart) while the node says what is pending, and a long
// operation keeps its lease by a heartbeat; a commit after losing it fails.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { OperationRow } from '../../src/store/schema.js';
import { startStack, type Answer, type Stack } from '../../support/stack.js';

const HANG = { path: '/', latency_ms: 5_000, count: 1_000 };

const operations = (s: Stack): Promise<OperationRow[]> => s.service.core.store.db.selectFrom('operations').selectAll().orderBy('created_at').execute();
const heldRows = async (s: Stack) => [
  ...(await s.service.core.store.db.selectFrom('devices').select('uuid').where('held_by', 'is not', null).execute()),
  ...(await s.service.core.store.db.selectFrom('nodes').select('uuid').where('held_by', 'is not', null).execute()),
];

/** Polls `probe` until it returns something, for at most `ms`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    assert.ok(Date.now() < until, `${what} within ${ms} ms`);
    await sleep(50);
  }
}

async function timed(request: () => Promise<Answer>): Promise<{ answer: Answer; ms: number }> {
  const started = Date.now();
  const answer = await request();
  return { answer, ms: Date.now() - started };
}

describe('an operation against a hung EEM', { timeout: 120_000 }, () => {
  let s: Stack;
  let podm: string;
  const uuidOf = async (eemId: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === `devices/${eemId}`).uuid as string;

  before(async () => {
    s = await startStack({ config: { eemReadTimeout: 1, eemConnectTimeout: 1, operationTimeout: 3, undoRetryBase: 0.2, undoRetryCap: 1 } });
    podm = await s.addPodManager();
  });
  after(() => s.close());

  async function fresh(): Promise<{ managed: string }> {
    await s.fresh();
    const managed = await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x1111111111' });
    assert.equal(managed.status, 200, managed.text);
    return { managed: managed.body.uuid };
  }

  /** Hangs the EEM, runs the request, and checks it answered a fabric error in bounded time. */
  async function againstHungEem(request: () => Promise<Answer>, skip = 0): Promise<Answer> {
    await s.simControl('POST', '/_sim/faults', { ...HANG, skip });
    const { answer, ms } = await timed(request);
    assert.ok([502, 503, 504].includes(answer.status), `${answer.status} ${answer.text}`);
    assert.ok(ms < 8_000, `answered in ${ms} ms`);
    return answer;
  }

  /** With the EEM back, every operation settles by itself: no node mid-operation, no holds. */
  async function settlesByItself(): Promise<void> {
    await s.simControl('DELETE', '/_sim/faults');
    await eventually('every operation settled', async () => {
      const open = (await operations(s)).filter((o) => o.state === 'running' || o.state === 'stuck');
      return open.length === 0 ? true : undefined;
    });
    assert.deepEqual(await heldRows(s), []);
    for (const n of (await s.call('GET', '/v1/nodes')).body) {
      const shown = (await s.call('GET', `/v1/nodes/${n.uuid}`)).body;
      assert.equal(shown.state, 'composed');
      assert.equal(shown.state_reason, null, 'the pending reason is cleared');
    }
  }

  it('compose answers 5xx in bounded time; its undo is retried with growing pauses, then completes without a restart', async () => {
    await fresh();
    // The server is read; the EEM hangs from the request that gives it a group, whose fate is then unknown.
    const answer = await againstHungEem(() => s.call('POST', '/v1/nodes', { podm_id: podm, name: 'hung', properties: { pci_device: { type: ['NIC', 'SSD'] } } }), 1);
    assert.match(answer.body.detail, /covalence retries the undo by itself/);

    const pending = await eventually('the node says what is pending', async () => {
      const nodes = (await s.call('GET', '/v1/nodes')).body as Array<{ uuid: string; name: string }>;
      const hung = nodes.find((n) => n.name === 'hung');
      const shown = hung && (await s.call('GET', `/v1/nodes/${hung.uuid}`)).body;
      return shown?.state_reason ? shown : undefined;
    });
    assert.equal(pending.state, 'composing');
    assert.match(pending.state_reason, /^undo of compose pending since .*: .*; attempt \d+, next in \d+ s$/);

    // Each failed attempt waits twice as long as the last (0.2 s, 0.4 s, 0.8 s, then the 1 s cap).
    const pauses = new Map<number, number>();
    await eventually('three failed attempts', async () => {
      const op = (await operations(s)).find((o) => o.kind === 'compose' && o.state === 'stuck');
      if (op?.next_attempt_at) pauses.set(op.attempts, Date.parse(op.next_attempt_at) - Date.parse(op.updated_at));
      return pauses.has(3) ? true : undefined;
    }, 30_000);
    assert.ok(pauses.get(3)! > pauses.get(pauses.has(1) ? 1 : 2)!, `pauses grow: ${JSON.stringify([...pauses])}`);

    await settlesByItself();
    assert.equal((await s.call('GET', '/v1/nodes')).body.length, 1, 'the half-composed node is gone');
    assert.equal(s.sim.fabric.get('0x3333333333')!.group_id, '4094', 'the server is as it was');
    for (const id of ['0x7777777777', '0x8888888888']) assert.equal(s.sim.fabric.get(id)!.group_id, '4093', id);
  });

  it('attach answers 5xx in bounded time and its undo completes by itself', async () => {
    await fresh();
    const node = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'empty' });
    const gpu = await uuidOf('0x9999999999');
    await againstHungEem(() => s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: gpu } }));
    await settlesByItself();
    assert.equal(s.sim.fabric.get('0x9999999999')!.group_id, '4093');
  });

  it('detach answers 5xx in bounded time and leaves nothing held', async () => {
    const { managed } = await fresh();
    const nic = await uuidOf('0x8cdf9d911cb0');
    await againstHungEem(() => s.call('POST', `/v1/nodes/${managed}/action`, { detach: { resource_id: nic } }));
    await settlesByItself();
  });

  it('decompose answers 5xx in bounded time and leaves nothing held', async () => {
    const { managed } = await fresh();
    await againstHungEem(() => s.call('DELETE', `/v1/nodes/${managed}`));
    await settlesByItself();
  });
});

describe('a slow EEM and the whole-operation deadline', { timeout: 60_000 }, () => {
  it('a compose whose calls add up past --operation-timeout fails in bounded time, and is undone', async () => {
    const s = await startStack({ config: { eemReadTimeout: 2, operationTimeout: 1, undoRetryBase: 0.2, undoRetryCap: 1 } });
    try {
      const podm = await s.addPodManager();
      // Each call well within the read timeout, but four or more of them past the deadline.
      await s.simControl('POST', '/_sim/faults', { path: '/', latency_ms: 400, count: 10_000 });
      const { answer, ms } = await timed(() => s.call('POST', '/v1/nodes', { podm_id: podm, name: 'slow', properties: { pci_device: { type: ['NIC', 'SSD', 'GPU'] } } }));
      assert.equal(answer.status, 504, answer.text);
      assert.match(answer.body.detail, /ran past its deadline/);
      assert.ok(ms < 4_000, `answered in ${ms} ms`);
      // The undo, slow as the EEM is, finishes in the background.
      await eventually('the compose undone', async () => ((await s.call('GET', '/v1/nodes')).body.length === 0 ? true : undefined), 30_000);
      await eventually('the undo settled', async () => ((await operations(s)).every((o) => o.state === 'failed') ? true : undefined), 30_000);
      assert.deepEqual(await heldRows(s), []);
    } finally {
      await s.close();
    }
  });
});

describe('the lease of a running operation', { timeout: 60_000 }, () => {
  let s: Stack;
  let podm: string;
  let types: string[];

  before(async () => {
    s = await startStack({ topology: { generate: { servers: 3, devices: 30, seed: 11 } }, config: { lease: 1, undoRetryBase: 0.2, undoRetryCap: 1 } });
    podm = await s.addPodManager();
    const free = (await s.call('GET', '/v1/devices')).body as Array<{ type: string | null; state: string }>;
    types = free.filter((d) => d.type !== null && d.state === 'free').slice(0, 8).map((d) => d.type!);
    assert.ok(types.length >= 6, `enough typed devices: ${types.length}`);
  });
  after(() => s.close());

  it('is renewed by a heartbeat, so a compose that outlives it is not taken over and answers 200', async () => {
    await s.simControl('POST', '/_sim/faults', { path: '/', latency_ms: 200, count: 10_000 });
    // Sampled while it runs: a lease that ran out would let recovery take the operation over.
    const lapses: string[] = [];
    let latest = 0;
    let done = false;
    const started = Date.now();
    const watching = (async () => {
      while (!done) {
        const op = (await operations(s)).find((o) => o.state === 'running');
        if (op && Date.parse(op.lease_until) < Date.now()) lapses.push(`${Date.now() - started} ms: lease until ${op.lease_until}`);
        if (op) latest = Date.now() - started;
        await sleep(50);
      }
    })();
    const { answer, ms } = await timed(() => s.call('POST', '/v1/nodes', { podm_id: podm, name: 'long', properties: { pci_device: { type: types } } }));
    done = true;
    await watching;
    await s.simControl('DELETE', '/_sim/faults');
    assert.equal(answer.status, 200, answer.text);
    assert.ok(ms > 1_200 && latest > 1_200, `the compose outlived its 1 s lease (${ms} ms, last seen running at ${latest} ms)`);
    assert.deepEqual(lapses, [], 'the lease was renewed while the compose ran');
    const ops = await operations(s);
    assert.deepEqual(ops.map((o) => [o.kind, o.state]), [['compose', 'done']], 'recovery never claimed it');
    const shown = (await s.call('GET', `/v1/nodes/${answer.body.uuid}`)).body;
    assert.equal(shown.state, 'composed');
    assert.equal(shown.devices.length, types.length);
    assert.ok([200, 204].includes((await s.call('DELETE', `/v1/nodes/${answer.body.uuid}`)).status));
  });

  it('a commit after another process took the operation over fails, and changes nothing of the new holder', async () => {
    await s.simControl('POST', '/_sim/faults', { path: '/', latency_ms: 200, count: 10_000 });
    const db = s.service.core.store.db;
    const composing = s.call('POST', '/v1/nodes', { podm_id: podm, name: 'taken', properties: { pci_device: { type: types.slice(0, 3) } } });
    const op = await eventually('the compose under way', async () => (await operations(s)).find((o) => o.state === 'running'));
    // What a second process's recovery would do once the lease ran out, with a lease of its own far ahead.
    const far = new Date(Date.now() + 3_600_000).toISOString();
    await db.updateTable('operations').set({ holder: 'another-process', lease_until: far }).where('id', '=', op.id).execute();
    const answer = await composing;
    await s.simControl('DELETE', '/_sim/faults');
    assert.equal(answer.status, 409, answer.text);
    assert.match(answer.body.detail, /taken over by another covalence process/);
    const after = (await operations(s)).find((o) => o.id === op.id)!;
    assert.equal(after.state, 'running', "the new holder's operation is left alone");
    assert.equal(after.holder, 'another-process');
  });
});

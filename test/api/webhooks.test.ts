// Webhooks: signed deliveries in sequence order; a failing receiver is retried with backoff, ends in
// the dead letters, and a replay delivers it; a slow receiver does not slow the API.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sign } from '../../src/core/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { gapFree, type WireEvent } from '../support/events.js';

const SECRET = 'a-webhook-secret-0451';

/** A receiver run by the test: answers with `status()` (after `delay()` ms) and keeps what it got. */
interface Receiver {
  url: string;
  got: Array<{ at: number; seq: number; signed: boolean; event: WireEvent }>;
  status: () => number;
  delay: () => number;
  close(): Promise<void>;
}

async function receiver(status = () => 204, delay = () => 0): Promise<Receiver> {
  const r: Receiver = { url: '', got: [], status, delay, close: () => new Promise((done) => server.close(() => done())) };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const event = JSON.parse(body) as WireEvent;
      r.got.push({ at: Date.now(), seq: Number(req.headers['x-covalence-sequence']), signed: req.headers['x-covalence-signature'] === sign(SECRET, body), event });
      setTimeout(() => res.writeHead(r.status()).end(), r.delay());
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return r;
}

async function until<T>(what: string, probe: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not in ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('webhooks', { timeout: 120_000 }, () => {
  let s: Stack;
  const receivers: Receiver[] = [];
  before(async () => {
    // A receiver runs in this process beside the server: a loaded machine may keep it from answering for a while.
    s = await startStack({ config: { webhookRetryBase: 0.1, webhookMaxAttempts: 3, webhookTimeout: 5, eventPoll: 0.1 } });
  });
  after(async () => {
    await s.close();
    for (const r of receivers) await r.close();
  });

  const subscribe = async (url: string, extra: object = {}) => {
    const r = await s.call('POST', '/v1/subscriptions', { url, secret: SECRET, ...extra });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text.includes(SECRET), false, 'the secret never comes back');
    return r.body.uuid as string;
  };

  it('delivers every event, signed, in sequence order, with the sequence in a header', async () => {
    const ok = await receiver();
    receivers.push(ok);
    const sub = await subscribe(ok.url);
    const podm = await s.addPodManager();
    const node = await s.call('POST', '/v1/nodes', { name: 'hooked', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(node.status, 200, node.text);
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.body.uuid}`)).status, 200);
    const all = (await s.call('GET', '/v1/events?limit=1000')).body as WireEvent[];
    await until('all delivered', () => ok.got.length >= all.length, 20_000).catch(async (err: Error) => {
      const status = (await s.call('GET', `/v1/subscriptions/${sub}`)).body.status;
      throw new Error(`${err.message}: ${ok.got.length} of ${all.length} received; subscription status ${JSON.stringify(status)}`);
    });
    assert.deepEqual(ok.got.map((g) => g.event), all);
    assert.ok(ok.got.every((g) => g.signed && g.seq === g.event.seq));
    assert.ok(gapFree(ok.got.map((g) => g.event)));
    const status = (await s.call('GET', `/v1/subscriptions/${sub}`)).body;
    assert.equal(status.status.delivered_seq, all.at(-1)!.seq);
    assert.equal(status.status.last_outcome, 'delivered');
    assert.equal((await s.call('DELETE', `/v1/subscriptions/${sub}`)).status, 200);
    assert.equal((await s.call('GET', `/v1/subscriptions/${sub}`)).status, 404);
  });

  it('a failing receiver: retried with backoff, dead-lettered, then replayed; the next event still goes', async () => {
    let failing = true;
    const bad = await receiver(() => (failing ? 500 : 200));
    receivers.push(bad);
    const sub = await subscribe(bad.url, { kinds: ['pod_manager.updated'] });
    const podm = (await s.call('GET', '/v1/pod_managers')).body[0].uuid as string;
    await s.call('PATCH', `/v1/pod_managers/${podm}`, { description: 'first' });
    const dead = await until('dead-lettered', async () => {
      const letters = (await s.call('GET', `/v1/subscriptions/${sub}/dead_letters`)).body as Array<{ seq: number; attempts: number }>;
      return letters.length === 1 ? letters : undefined;
    });
    assert.equal(dead[0]!.attempts, 3);
    assert.equal(bad.got.length, 3);
    const gaps = bad.got.slice(1).map((g, i) => g.at - bad.got[i]!.at);
    assert.ok(gaps[0]! >= 90 && gaps[1]! >= 190, `backoff doubles: ${gaps.join(', ')} ms`);
    const status = (await s.call('GET', `/v1/subscriptions/${sub}`)).body.status;
    assert.equal(status.last_outcome, 'dead_lettered');
    assert.equal(status.dead_letters, 1);

    failing = false;
    const replay = await s.call('POST', `/v1/subscriptions/${sub}/dead_letters/replay`, {});
    assert.equal(replay.status, 202, replay.text);
    await until('replayed', () => bad.got.length === 4);
    assert.equal(bad.got[3]!.seq, dead[0]!.seq);
    await until('dead letters empty', async () => (await s.call('GET', `/v1/subscriptions/${sub}/dead_letters`)).body.length === 0);

    await s.call('PATCH', `/v1/pod_managers/${podm}`, { description: 'second' });
    await until('the next event', () => bad.got.length === 5);
    assert.equal(bad.got[4]!.event.after!.description, 'second');
    const metrics = await (await fetch(`${s.api}/metrics`)).text();
    assert.match(metrics, /covalence_webhook_dead_letters_total 1/);
    assert.match(metrics, /covalence_webhook_deliveries_total\{outcome="failed"\} 3/);
  });

  it('a slow receiver never slows the API', async () => {
    const slow = await receiver(() => 200, () => 3_000);
    receivers.push(slow);
    await subscribe(slow.url);
    const podm = (await s.call('GET', '/v1/pod_managers')).body[0].uuid as string;
    const started = Date.now();
    for (let i = 0; i < 5; i++) assert.equal((await s.call('PATCH', `/v1/pod_managers/${podm}`, { description: `slow ${i}` })).status, 200);
    assert.ok(Date.now() - started < 1_000, `five changes took ${Date.now() - started} ms`);
  });

  it('refuses a subscription without a usable URL or secret', async () => {
    assert.equal((await s.call('POST', '/v1/subscriptions', { url: 'ftp://x', secret: SECRET })).status, 400);
    assert.equal((await s.call('POST', '/v1/subscriptions', { url: 'http://x', secret: 'short' })).status, 400);
  });
});

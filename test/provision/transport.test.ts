// How the provisioner reports an Ironic it cannot talk to, and what it retries. These need an Ironic
// that misbehaves on cue, so they use small local servers instead of a real one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { createProvisioner, ProvisionError, type IronicConfig } from '../../src/provision/index.js';
import { closedPort, composedNode, listen, silentServer } from './support.js';

const config = (url: string, timeoutMs = 5_000): IronicConfig => ({ url, auth: { type: 'none' }, defaultDriver: 'ipmi', timeoutMs });
const spec = { driver: 'fake-hardware', driverInfo: {}, macs: [] };

async function rejection(promise: Promise<unknown>): Promise<ProvisionError> {
  const err = await promise.then(() => assert.fail('expected a ProvisionError'), (e: unknown) => e);
  assert.ok(err instanceof ProvisionError, `not a ProvisionError: ${String(err)}`);
  return err;
}

/** A stand-in Ironic: answers GET /v1 with `maxVersion`, everything else with `answer(n)` for the n-th such request. */
async function scriptedIronic(maxVersion: string, answer: (n: number, method: string, url: string) => [number, unknown]) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const headers = { 'content-type': 'application/json', 'x-openstack-ironic-api-maximum-version': maxVersion };
    if (req.url === '/v1') {
      res.writeHead(200, headers).end('{}');
      return;
    }
    seen.push(`${req.method} ${req.url} ${String(req.headers['x-openstack-ironic-api-version'])}`);
    const [status, body] = answer(seen.length, req.method ?? '', req.url ?? '');
    res.writeHead(status, headers).end(JSON.stringify(body));
  });
  const url = await listen(server);
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ironicError = (message: string) => ({ error_message: JSON.stringify({ faultcode: 'Client', faultstring: message, debuginfo: null }) });

test('an Ironic nobody listens for is unreachable', async () => {
  const p = createProvisioner(config(await closedPort()));
  const err = await rejection(p.register(composedNode(), spec));
  await p.close();
  assert.equal(err.kind, 'unreachable');
  assert.match(err.message, /Ironic at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
});

test('an Ironic that never answers times out after timeoutMs', async () => {
  const silent = await silentServer();
  const p = createProvisioner(config(silent.url, 300));
  const started = Date.now();
  const err = await rejection(p.describe('4a5b1f0e-2b9e-4d5c-9f3a-8f1e2d3c4b5a'));
  const elapsed = Date.now() - started;
  await p.close();
  await silent.close();
  assert.equal(err.kind, 'timeout');
  assert.equal(err.step, 'describe');
  assert.ok(elapsed >= 300 && elapsed < 3_000, `took ${elapsed} ms`);
});

test('a node lock is waited out, and the request then goes through once', async () => {
  const ironic = await scriptedIronic('1.82', (n) =>
    n <= 2 ? [409, ironicError('Node abc is locked by host ci, please retry after the current operation is completed.')] : [204, null],
  );
  const p = createProvisioner(config(ironic.url));
  await p.updateFacts('abc', composedNode());
  await p.close();
  await ironic.close();
  assert.deepEqual(ironic.seen, Array(3).fill('PATCH /v1/nodes/abc 1.82'));
});

test('a lock that is never released ends busy', { timeout: 15_000 }, async () => {
  const ironic = await scriptedIronic('1.82', () => [409, ironicError('Node abc is locked by host ci, please retry.')]);
  const p = createProvisioner(config(ironic.url));
  const err = await rejection(p.updateFacts('abc', composedNode()));
  await p.close();
  await ironic.close();
  assert.equal(err.kind, 'busy');
  assert.equal(err.step, 'update facts');
  assert.equal(ironic.seen.length, 6);
});

test('an older Ironic is spoken to in its own newest microversion', async () => {
  const ironic = await scriptedIronic('1.78', () => [404, ironicError('Node abc could not be found.')]);
  const p = createProvisioner(config(ironic.url));
  assert.equal(await p.describe('abc'), null);
  await p.close();
  await ironic.close();
  assert.match(ironic.seen[0]!, / 1\.78$/);
});

test('an Ironic too old for traits is refused before anything is created', async () => {
  const ironic = await scriptedIronic('1.31', () => [201, {}]);
  const p = createProvisioner(config(ironic.url));
  const err = await rejection(p.register(composedNode(), spec));
  await p.close();
  await ironic.close();
  assert.equal(err.kind, 'rejected');
  assert.match(err.message, /1\.31.*1\.37/);
  assert.deepEqual(ironic.seen, []);
});

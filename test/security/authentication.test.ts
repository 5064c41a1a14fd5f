// Who may call at all: --auth noauth|token, tokens made by the real `covalence token` command, the
// routes that stay open, and the refusal to run noauth where strangers can reach it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLoopback } from '../../src/config.js';
import { covalence } from '../cli/support.js';
import { runCovalence } from '../../support/process.js';
import { startStack, type Stack } from '../../support/stack.js';
import { as, isValenceError, mintToken } from './support.js';

describe('token mode', () => {
  let s: Stack;
  let reader: string;
  const db = () => s.dbUrl;
  before(async () => {
    s = await startStack({ auth: 'token' });
    reader = await mintToken(s, 'reader', 'p1');
  });
  after(() => s.close());

  it("refuses a request without a token with a 401 in Valence's body, before reading its body", async () => {
    const none = await s.call('GET', '/v1/nodes');
    assert.ok(isValenceError(none, 401), none.text);
    assert.match(none.body.detail, /X-Auth-Token/);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="covalence"');
    const malformed = await s.call('POST', '/v1/pod_managers', '{"not json', { 'content-type': 'application/json' });
    assert.ok(isValenceError(malformed, 401), 'a stranger learns nothing about what the body should be');
  });

  it('refuses an unknown token, and takes a good one as X-Auth-Token or as Authorization: Bearer', async () => {
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes', undefined, as('cov_not-a-token')), 401));
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes', undefined, { authorization: 'Bearer cov_not-a-token' }), 401));
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes', undefined, { authorization: `Basic ${reader}` }), 401));
    assert.equal((await s.call('GET', '/v1/nodes', undefined, as(reader))).status, 200);
    assert.equal((await s.call('GET', '/v1/nodes', undefined, { authorization: `Bearer ${reader}` })).status, 200);
  });

  it('leaves health, readiness, metrics, the version documents, the OpenAPI document and the console open', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics', '/', '/v1', '/v1/openapi.json', '/ui/']) {
      const r = await s.call('GET', path);
      assert.notEqual(r.status, 401, path);
      assert.notEqual(r.status, 403, path);
    }
  });

  it("asks a stranger for a token on an unknown path, and answers a wrong method by its path's rule", async () => {
    assert.ok(isValenceError(await s.call('GET', '/v1/nothing-here'), 401));
    assert.ok(isValenceError(await s.call('GET', '/v1/nothing-here', undefined, as(reader)), 404));
    assert.ok(isValenceError(await s.call('POST', '/healthz'), 405));
    assert.ok(isValenceError(await s.call('DELETE', '/v1/devices'), 401));
    assert.ok(isValenceError(await s.call('DELETE', '/v1/devices', undefined, as(reader)), 405));
  });

  it('takes tokens made by `covalence token create` at once, lists them without the secret, and refuses them once revoked', async () => {
    const made = await covalence(['token', 'create', '--role', 'admin', '--project', 'ops', '--name', 'deploy-bot', '--db', db()]);
    assert.equal(made.code, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^cov_[A-Za-z0-9_-]{43}$/, 'stdout holds the token and nothing else');
    assert.match(made.stderr, /shown only now/);
    assert.equal((await s.call('GET', '/v1/pod_managers', undefined, as(token))).status, 200);

    const listed = await covalence(['token', 'list', '-o', 'json', '--db', db()]);
    assert.equal(listed.code, 0, listed.stderr);
    const mine = JSON.parse(listed.stdout).find((t: { name: string }) => t.name === 'deploy-bot');
    assert.deepEqual(Object.keys(mine).sort(), ['created_at', 'id', 'name', 'project', 'role']);
    assert.equal(mine.role, 'admin');
    assert.ok(!listed.stdout.includes(token));
    for (const f of readdirSync(s.dataDir).filter((n) => n.startsWith('covalence.sqlite'))) { // SQLite's files (none on PostgreSQL)
      assert.ok(!readFileSync(join(s.dataDir, f)).includes(token), `${f} holds only the token's hash`);
    }

    const revoked = await covalence(['token', 'revoke', mine.id, '--db', db()]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.ok(isValenceError(await s.call('GET', '/v1/pod_managers', undefined, as(token)), 401));
    assert.equal((await covalence(['token', 'revoke', mine.id, '--db', db()])).code, 1, 'revoking twice says there is no such token');
  });

  it('refuses a token command without a valid role or project (exit 2)', async () => {
    assert.equal((await covalence(['token', 'create', '--role', 'root', '--project', 'p', '--db', db()])).code, 2);
    assert.equal((await covalence(['token', 'create', '--role', 'reader', '--db', db()])).code, 2);
  });
});

describe('noauth mode', () => {
  let s: Stack;
  before(async () => { s = await startStack(); });
  after(() => s.close());

  it('makes every caller an admin of project "default", whatever token it sends', async () => {
    const podm = await s.addPodManager();
    const r = await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } }, as('whatever'));
    assert.equal(r.status, 200, r.text);
    assert.equal((await s.call('GET', `/v1/nodes/${r.body.uuid}`)).body.project_id, 'default');
    const audit = await s.call('GET', '/v1/audit?action=node.compose');
    assert.equal(audit.body[0].user_name, 'anonymous');
    assert.equal(audit.body[0].role, 'admin');
  });

  it('is the default only on loopback: elsewhere covalence will not start without --insecure-noauth', async () => {
    const refused = await covalence(['serve', '--host', '0.0.0.0', '--port', '0', '--db', 'sqlite::memory:', '--secret-key-file', join(s.dataDir, 'k1')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--auth token or keystone, or say --insecure-noauth/);
    const running = await runCovalence(['serve', '--host', '0.0.0.0', '--port', '0', '--insecure-noauth', '--db', 'sqlite::memory:',
      '--secret-key-file', join(s.dataDir, 'k2'), '--sync-interval', '0'], /covalence is serving/);
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
    assert.match(running.output(), /every caller is an admin/);
  });

  it('knows loopback when it sees it', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost']) assert.ok(isLoopback(host), host);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com']) assert.ok(!isLoopback(host), host);
  });

  it('refuses an unknown --auth mode, and keystone without its service user (exit 2)', async () => {
    const bogus = await covalence(['serve', '--auth', 'open', '--port', '0', '--db', 'sqlite::memory:']);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /--auth must be noauth, token, keystone/);
    const keystone = await covalence(['serve', '--auth', 'keystone', '--port', '0', '--db', 'sqlite::memory:']);
    assert.equal(keystone.code, 2);
    assert.match(keystone.stderr, /--auth keystone needs --keystone-url/);
  });
});

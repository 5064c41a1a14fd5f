// --auth keystone against a real Keystone (scripts/keystone.sh on its own port): roles and project from
// the caller's token, checked with covalence's service user, answers cached for --keystone-cache-ttl.
// A recording proxy in front of Keystone counts what covalence asks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closedPort, recordingProxy, startKeystone, stopKeystone } from '../provision/support.js';
import { KEYSTONE_DEMO_PASSWORD, KEYSTONE_SERVICE_PASSWORD } from '../support/leaks.js';
import { http, startStack, type Stack } from '../../support/stack.js';
import { as, isValenceError } from './support.js';

const PORT = 15020;
const TTL_S = 2;

describe('keystone mode', () => {
  let keystone: string;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let s: Stack;
  let podm: string;
  const tokens = {} as Record<'admin' | 'member' | 'reader', string>;
  let demoProject: string;

  /** A project-scoped token of a demo user, straight from Keystone. */
  const login = async (user: string, password = KEYSTONE_DEMO_PASSWORD) => {
    const r = await http(`${keystone}/v3/auth/tokens?nocatalog`, 'POST', {
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    assert.equal(r.status, 201, r.text);
    demoProject = r.body.token.project.id;
    return r.headers.get('x-subject-token')!;
  };
  const validations = () => proxy.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/v3/auth/tokens')).length;
  const logins = () => proxy.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v3/auth/tokens')).length;

  before(async () => {
    keystone = await startKeystone(PORT, { KEYSTONE_COVALENCE_PASSWORD: KEYSTONE_SERVICE_PASSWORD, KEYSTONE_DEMO_PASSWORD });
    proxy = await recordingProxy(keystone);
    s = await startStack({
      auth: 'keystone',
      config: {
        keystoneUrl: `${proxy.url}/v3`, keystoneUser: 'covalence', keystonePassword: KEYSTONE_SERVICE_PASSWORD, keystoneProject: 'service',
        keystoneCacheTtl: TTL_S,
      },
    });
    for (const role of ['admin', 'member', 'reader'] as const) tokens[role] = await login(`demo-${role}`);
    const created = await s.call('POST', '/v1/pod_managers', {
      url: s.sim.url, name: 'podm1', authentication: [{ type: 'basic', auth_items: { username: 'eem-admin', password: 'eem-Secret-0451' } }],
    }, as(tokens.admin));
    assert.equal(created.status, 200, created.text);
    podm = created.body.uuid;
  });
  after(async () => {
    await s?.close();
    await proxy?.close();
    await stopKeystone(PORT);
  });

  it("takes the caller's role and project from the token", async () => {
    assert.equal((await s.call('GET', '/v1/audit', undefined, as(tokens.admin))).status, 200);
    assert.ok(isValenceError(await s.call('GET', '/v1/audit', undefined, as(tokens.member)), 403));
    assert.ok(isValenceError(await s.call('POST', '/v1/nodes', { name: 'r', podm_id: podm }, as(tokens.reader)), 403));
    const node = await s.call('POST', '/v1/nodes', { name: 'ks-node', podm_id: podm }, { authorization: `Bearer ${tokens.member}` });
    assert.equal(node.status, 200, node.text);
    const shown = await s.call('GET', `/v1/nodes/${node.body.uuid}`, undefined, as(tokens.reader));
    assert.equal(shown.body.project_id, demoProject, "the node belongs to the token's project (by id)");
    const [event] = (await s.call('GET', '/v1/audit?action=node.compose', undefined, as(tokens.admin))).body;
    assert.equal(event.user_name, 'demo-member');
    assert.equal(event.project, demoProject);
  });

  it('refuses a missing token, and one Keystone does not know or that is not a token at all (401)', async () => {
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes'), 401));
    const forged = `${tokens.member.slice(0, -4)}AAAA`;
    const unknown = await s.call('GET', '/v1/nodes', undefined, as(forged));
    assert.ok(isValenceError(unknown, 401));
    assert.match(unknown.body.detail, /Keystone does not recognise it/);
    const before = validations();
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes', undefined, as('not a token; at all')), 401));
    assert.equal(validations(), before, 'text that cannot be a token is not sent to Keystone');
  });

  it('asks Keystone once per token within the cache time, and again after it, logged in once as its service user', async () => {
    const token = await login('demo-reader');
    const before = validations();
    for (let i = 0; i < 5; i++) assert.equal((await s.call('GET', '/v1/devices', undefined, as(token))).status, 200);
    assert.equal(validations() - before, 1);
    await new Promise((r) => setTimeout(r, TTL_S * 1000 + 200));
    assert.equal((await s.call('GET', '/v1/devices', undefined, as(token))).status, 200);
    assert.equal(validations() - before, 2);
    assert.equal(logins(), 1, 'one login of covalence itself for every check');
  });

  it('keeps a revoked token working until its cache entry expires, then refuses it', async () => {
    const token = await login('demo-member');
    assert.equal((await s.call('GET', '/v1/nodes', undefined, as(token))).status, 200);
    const revoked = await http(`${keystone}/v3/auth/tokens`, 'DELETE', undefined, { 'x-auth-token': token, 'x-subject-token': token });
    assert.equal(revoked.status, 204);
    assert.equal((await s.call('GET', '/v1/nodes', undefined, as(token))).status, 200, 'still cached');
    await new Promise((r) => setTimeout(r, TTL_S * 1000 + 200));
    assert.ok(isValenceError(await s.call('GET', '/v1/nodes', undefined, as(token)), 401));
  });

  it('answers 503 naming Keystone when it cannot be reached, and never a 401 for it', async () => {
    const down = await startStack({
      auth: 'keystone',
      config: { keystoneUrl: `${await closedPort()}/v3`, keystoneUser: 'covalence', keystonePassword: KEYSTONE_SERVICE_PASSWORD, keystoneProject: 'service' },
    });
    try {
      const r = await down.call('GET', '/v1/nodes', undefined, as(tokens.reader));
      assert.ok(isValenceError(r, 503), r.text);
      assert.match(r.body.detail, /^Keystone at http:\/\/127\.0\.0\.1:\d+ could not be reached/);
      assert.ok(!r.text.includes(KEYSTONE_SERVICE_PASSWORD));
    } finally {
      await down.close();
    }
  });
});

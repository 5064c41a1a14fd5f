// The policy table (src/api/policy.ts) against the routes and over real HTTP, role by role.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { buildApp } from '../../src/api/app.js';
import { POLICY } from '../../src/api/policy.js';
import { ROLES, type Role } from '../../src/shared/vocabulary.js';
import { startStack, type Stack } from '../../support/stack.js';
import { addPodManager, as, errorDetail, isApiError, isValenceError, mintToken, people, type People } from './support.js';

const routes = Object.entries(POLICY).map(([key, rule]) => {
  const [method, url] = key.split(' ') as [string, string];
  return { method, url, allow: rule.allow };
});

describe('the policy table', () => {
  let s: Stack;
  before(async () => { s = await startStack(); });
  after(() => s.close());

  it('names only routes that exist (the CORS preflight exists when origins are configured)', () => {
    for (const { method, url } of routes.filter((r) => r.method !== 'OPTIONS')) {
      assert.ok(s.service.app.hasRoute({ method: method as 'GET', url }), `${method} ${url} is in the policy table but is not a route`);
    }
  });

  it('has a rule for every route: one without a rule cannot be added', async () => {
    const app = await buildApp({ core: s.service.core, logger: pino({ level: 'silent' }) });
    try {
      assert.throws(() => app.get('/v1/unruled', async () => 'open?'), /GET \/v1\/unruled has no rule in src\/api\/policy.ts/);
    } finally {
      await app.close();
    }
  });
});

describe('roles over HTTP', () => {
  let s: Stack;
  const tokens = {} as Record<Role, string>;
  before(async () => {
    s = await startStack({ auth: 'token' });
    for (const role of ROLES) tokens[role] = await mintToken(s, role, 'p1');
  });
  after(() => s.close());

  const concrete = (url: string) => url.replace(':uuid', randomUUID()).replace(':id', '0x1').replace('*', 'x');
  const body = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

  it('every guarded route refuses a stranger (401) and each role below its rule (403), and lets its role and those above through', async () => {
    for (const { method, url, allow } of routes.filter((r) => r.allow !== 'anyone')) {
      const path = concrete(url);
      assert.ok(isApiError(url, await s.call(method, path, body(method)), 401), `${method} ${url} without a token`);
      for (const role of ROLES) {
        const r = await s.call(method, path, body(method), as(tokens[role]));
        if (ROLES.indexOf(role) < ROLES.indexOf(allow as Role)) {
          assert.ok(isApiError(url, r, 403), `${method} ${url} as ${role}: ${r.status} ${r.text}`);
          assert.equal(errorDetail(r), `The role '${role}' may not ${method} ${url}; it needs '${allow}'.`);
        } else {
          assert.ok(r.status !== 401 && r.status !== 403, `${method} ${url} as ${role}: ${r.status} ${r.text}`);
        }
      }
    }
  });
});

describe('what each role may do', () => {
  let s: Stack;
  let p: People;
  let podm: string;
  before(async () => {
    s = await startStack({ auth: 'token' });
    p = await people(s);
    podm = await addPodManager(s, p.admin);
  });
  after(() => s.close());
  const compose = (token: string, name = 'n') => s.call('POST', '/v1/nodes', { name, podm_id: podm, properties: { pci_device: { type: ['NIC'] } } }, as(token));

  it('a reader lists and shows pod managers, devices, systems, flavors and nodes, and changes nothing', async () => {
    for (const path of ['/v1/pod_managers', `/v1/pod_managers/${podm}`, '/v1/devices', '/v1/systems', '/v1/flavors', '/v1/nodes']) {
      assert.equal((await s.call('GET', path, undefined, as(p.reader))).status, 200, path);
    }
    assert.ok(isValenceError(await compose(p.reader), 403));
    assert.ok(isValenceError(await s.call('POST', '/v1/nodes/manage', { podm_id: podm, node_index: '0x1111111111' }, as(p.reader)), 403));
    assert.ok(isValenceError(await s.call('GET', '/v1/audit', undefined, as(p.reader)), 403));
  });

  it('a member composes, attaches, detaches and decomposes, but manages no pod manager, flavor or sync', async () => {
    const node = await compose(p.member);
    assert.equal(node.status, 200, node.text);
    const free = (await s.call('GET', `/v1/devices?podm_id=${podm}&state=free&type=GPU`, undefined, as(p.member))).body[0];
    const attach = await s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { attach: { resource_id: free.uuid } }, as(p.member));
    assert.equal(attach.status, 204, attach.text);
    assert.equal((await s.call('POST', `/v1/nodes/${node.body.uuid}/action`, { detach: { resource_id: free.uuid } }, as(p.member))).status, 204);
    assert.equal((await s.call('DELETE', `/v1/nodes/${node.body.uuid}`, undefined, as(p.member))).status, 200);

    assert.ok(isValenceError(await s.call('PATCH', `/v1/pod_managers/${podm}`, { location: 'row 9' }, as(p.member)), 403));
    assert.ok(isValenceError(await s.call('DELETE', `/v1/pod_managers/${podm}`, undefined, as(p.member)), 403));
    assert.ok(isValenceError(await s.call('POST', '/v1/devices/sync', { podm_id: podm }, as(p.member)), 403));
    assert.ok(isValenceError(await s.call('POST', '/v1/flavors', { name: 'f', properties: {} }, as(p.member)), 403));
  });

  it('an admin manages pod managers, flavors and sync', async () => {
    assert.equal((await s.call('PATCH', `/v1/pod_managers/${podm}`, { location: 'row 9' }, as(p.admin))).status, 200);
    assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm }, as(p.admin))).status, 200);
    const flavor = await s.call('POST', '/v1/flavors', { name: 'f', properties: { pci_device: { type: ['NIC'] } } }, as(p.admin));
    assert.equal(flavor.status, 200, flavor.text);
    assert.equal((await s.call('DELETE', `/v1/flavors/${flavor.body.uuid}`, undefined, as(p.admin))).status, 200);
  });
});

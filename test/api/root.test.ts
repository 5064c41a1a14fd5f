import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('the API root, unknown routes and the OpenAPI document', () => {
  let s: Stack;
  before(async () => { s = await startStack(); });
  after(() => s.close());

  it('GET / lists v1 as the current version with a link built from the request host', async () => {
    const r = await s.call('GET', '/');
    assert.equal(r.status, 200);
    assert.equal(r.body.name, 'OpenStack Valence API');
    assert.deepEqual(r.body.versions.map((v: { id: string; status: string }) => [v.id, v.status]), [['v1', 'CURRENT']]);
    assert.equal(r.body.versions[0].links[0].href, `${s.api}/v1/`);
  });

  it('GET /v1 links every resource, devices included (Valence forgot them)', async () => {
    const r = await s.call('GET', '/v1');
    assert.equal(r.status, 200);
    for (const res of ['nodes', 'flavors', 'systems', 'pod_managers', 'devices']) {
      assert.equal(r.body[res][0].href, `${s.api}/v1/${res}/`, res);
    }
    assert.deepEqual(r.body.media_types, [{ base: 'application/json', type: 'application/vnd.openstack.valence.v1+json' }]);
  });

  it('a trailing slash reaches the same route', async () => {
    assert.equal((await s.call('GET', '/v1/pod_managers/')).status, 200);
  });

  it('an unknown route is a 404 in the Valence error body, with a real request id also sent as a header', async () => {
    const r = await s.call('GET', '/v1/nothing-here');
    assert.equal(r.status, 404);
    assert.deepEqual(Object.keys(r.body).sort(), ['code', 'detail', 'request_id', 'status', 'title']);
    assert.equal(r.body.status, 404);
    assert.equal(r.body.code, 'Not Found');
    assert.match(r.body.request_id, /^[0-9a-f-]{36}$/);
    assert.notEqual(r.body.request_id, '00000000-0000-0000-0000-000000000000');
    assert.equal(r.headers.get('x-openstack-request-id'), r.body.request_id);
  });

  it('two requests get two different request ids', async () => {
    const [a, b] = await Promise.all([s.call('GET', '/v1'), s.call('GET', '/v1')]);
    assert.notEqual(a.headers.get('x-openstack-request-id'), b.headers.get('x-openstack-request-id'));
  });

  it('a known path with an unsupported method is a 405 naming the allowed methods', async () => {
    const r = await s.call('PUT', '/v1/flavors', {});
    assert.equal(r.status, 405);
    assert.equal(r.body.status, 405);
    assert.match(r.body.detail, /allowed: GET, POST/);
    assert.match(r.headers.get('allow') ?? '', /GET/);
  });

  it('serves an OpenAPI document that describes the Valence routes and no password', async () => {
    const r = await s.call('GET', '/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.match(r.body.openapi, /^3\./);
    for (const path of ['/v1/pod_managers', '/v1/devices', '/v1/devices/sync', '/v1/nodes', '/v1/nodes/{uuid}/action', '/v1/systems', '/v1/flavors']) {
      assert.ok(r.body.paths[path], `${path} documented`);
    }
    const view = r.body.paths['/v1/pod_managers'].get.responses['200'].content['application/json'].schema.items;
    assert.deepEqual(view.properties.authentication.items.properties.auth_items.properties.password.enum, ['***']);
  });
});

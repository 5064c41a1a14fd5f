import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EEM_PASSWORD, EEM_USER, podManagerBody, startStack, type Stack } from '../../support/stack.js';

const VALENCE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/;

describe('pod managers', () => {
  let s: Stack;
  before(async () => { s = await startStack(); });
  after(() => s.close());
  beforeEach(async () => {
    for (const p of (await s.call('GET', '/v1/pod_managers')).body) await s.call('DELETE', `/v1/pod_managers/${p.uuid}?force=true`);
  });

  it("creating one as in Valence's ExpEther guide checks the EEM and answers the guide's fields with the password masked", async () => {
    const r = await s.call('POST', '/v1/pod_managers', {
      url: s.sim.url, name: 'podm1', driver: 'expether',
      authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: EEM_PASSWORD } }],
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.name, 'podm1');
    assert.equal(r.body.url, s.sim.url);
    assert.equal(r.body.driver, 'expether');
    assert.equal(r.body.status, 'Online');
    assert.deepEqual(r.body.authentication, [{ type: 'basic', auth_items: { username: EEM_USER, password: '***' } }]);
    assert.match(r.body.uuid, /^[0-9a-f-]{36}$/);
    assert.match(r.body.created_at, VALENCE_TIME);
    assert.match(r.body.updated_at, VALENCE_TIME);
    assert.ok(!r.text.includes(EEM_PASSWORD));
  });

  it('the driver defaults to expether', async () => {
    const { driver: _d, ...body } = podManagerBody(s.sim.url);
    const r = await s.call('POST', '/v1/pod_managers', body);
    assert.equal(r.status, 200);
    assert.equal(r.body.driver, 'expether');
  });

  it('list and show never return the password, and the store holds it only encrypted', async () => {
    const uuid = await s.addPodManager();
    const list = await s.call('GET', '/v1/pod_managers');
    const one = await s.call('GET', `/v1/pod_managers/${uuid}`);
    assert.equal(list.body.length, 1);
    assert.equal(one.body.uuid, uuid);
    for (const r of [list, one]) assert.ok(!r.text.includes(EEM_PASSWORD));
    // Whatever the backend: no column of the stored row holds the password, and the seal opens to it.
    const row = await s.service.core.store.db.selectFrom('pod_managers').selectAll().where('uuid', '=', uuid).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes(EEM_PASSWORD), 'no plaintext password in the stored row');
    assert.match(row.password_sealed, /^v1:/);
    const files = readdirSync(s.dataDir).filter((f) => f.startsWith('covalence.sqlite'));
    for (const f of files) assert.ok(!readFileSync(join(s.dataDir, f)).includes(EEM_PASSWORD), `${f} holds no plaintext password`);
  });

  it('wrong credentials are a 401 naming the pod manager URL, and nothing is stored', async () => {
    const r = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'bad', 'wrong-password'));
    assert.equal(r.status, 401);
    assert.equal(r.body.title, 'Authorization Error');
    assert.equal(r.body.detail, `unable to reach pod manager at url: ${s.sim.url} with error: Invalid credentials passed`);
    assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
  });

  it('an unreachable EEM is a 503 naming the pod manager, and nothing is stored', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/eem`;
    const r = await s.call('POST', '/v1/pod_managers', podManagerBody(url, 'gone'));
    assert.equal(r.status, 503);
    assert.match(r.body.detail, new RegExp(`pod manager gone \\(${url.replace(/[./]/g, '\\$&')}\\)`));
    assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
  });

  it('an EEM answering garbage is a 502; one answering too slowly is a 504', async () => {
    await s.simControl('POST', '/_sim/faults', { path: 'api_version', status: 200, body: '<html>oops</html>' });
    const garbage = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'garbage'));
    assert.equal(garbage.status, 502);
    assert.match(garbage.body.detail, /not JSON/);
    await s.simControl('POST', '/_sim/faults', { path: 'api_version', latency_ms: 3000 });
    const slow = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'slow'));
    assert.equal(slow.status, 504);
    assert.match(slow.body.detail, /in time/);
    await s.simControl('DELETE', '/_sim/faults');
    assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
  });

  it('a duplicate name or url is a 409', async () => {
    await s.addPodManager('podm1');
    const sameName = await s.call('POST', '/v1/pod_managers', podManagerBody(`${s.sim.url}/`, 'podm1'));
    assert.equal(sameName.status, 409);
    assert.match(sameName.body.detail, /name 'podm1'/);
    const sameUrl = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'podm2'));
    assert.equal(sameUrl.status, 409);
    assert.match(sameUrl.body.detail, /url/);
  });

  for (const [what, body, field] of [
    ['missing authentication', { name: 'x', url: 'http://127.0.0.1:1/eem' }, 'authentication'],
    ['authentication given as an object', { name: 'x', url: 'http://127.0.0.1:1/eem', authentication: { type: 'basic' } }, 'authentication'],
    ['a missing password', { name: 'x', url: 'http://127.0.0.1:1/eem', authentication: [{ type: 'basic', auth_items: { username: 'u' } }] }, 'authentication[0].auth_items.password'],
    ['an extra field', { ...podManagerBody('http://127.0.0.1:1/eem'), status: 'Online' }, 'status'],
    ['a name that is a number', { ...podManagerBody('http://127.0.0.1:1/eem'), name: 12 }, 'name'],
    ['a url that is not http', { ...podManagerBody('ftp://127.0.0.1:1/eem') }, 'url'],
    ['an unknown driver', { ...podManagerBody('http://127.0.0.1:1/eem'), driver: 'redfishv1' }, 'driver'],
    ['no basic credentials', { name: 'x', url: 'http://127.0.0.1:1/eem', authentication: [{ type: 'token', auth_items: { username: 'u', password: 'p' } }] }, 'authentication'],
  ] as const) {
    it(`${what} is a 400 naming '${field}'`, async () => {
      const r = await s.call('POST', '/v1/pod_managers', body);
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.status, 400);
      assert.ok(r.body.detail.includes(`'${field}'`), r.body.detail);
      assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
    });
  }

  it('malformed JSON is a 400 and a non-JSON content type a 415, both Valence error bodies', async () => {
    const bad = await s.call('POST', '/v1/pod_managers', '{"name": "x",', { 'content-type': 'application/json' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.detail, /not valid JSON/);
    const form = await s.call('POST', '/v1/pod_managers', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    assert.equal(form.body.status, 415);
    const none = await s.call('POST', '/v1/pod_managers');
    assert.equal(none.status, 400);
    assert.equal(none.body.detail, 'The request body must be a JSON object.');
  });

  it('an unknown uuid is a 404 for show, update and delete', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const r = await s.call(method, '/v1/pod_managers/no-such-podm', method === 'PATCH' ? { name: 'y' } : undefined);
      assert.equal(r.status, 404, method);
      assert.equal(r.body.detail, 'Pod Manager no-such-podm not found.');
    }
  });

  it('PATCH renames and re-describes; status and driver cannot be patched, nor url set to a non-URL; bad new credentials change nothing', async () => {
    const uuid = await s.addPodManager('podm1');
    const renamed = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { name: 'rack-a', description: 'lab A', location: 'row 3' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'rack-a');
    assert.equal(renamed.body.location, 'row 3');
    for (const field of ['url', 'status', 'driver']) {
      const r = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { [field]: 'x' });
      assert.equal(r.status, 400, field);
      assert.ok(r.body.detail.includes(`'${field}'`));
    }
    const wrong = await s.call('PATCH', `/v1/pod_managers/${uuid}`, { authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: 'nope' } }] });
    assert.equal(wrong.status, 401);
    const sync = await s.call('POST', '/v1/devices/sync', { podm_id: uuid });
    assert.equal(sync.body[0].status, 'SUCCESS', 'the stored credentials still work');
  });

  it('PATCH with {} answers the pod manager unchanged (200, as Valence did), updated_at untouched', async () => {
    const uuid = await s.addPodManager('podm-empty-patch');
    const before = (await s.call('GET', `/v1/pod_managers/${uuid}`)).body;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Valence's timestamps have whole seconds
    const r = await s.call('PATCH', `/v1/pod_managers/${uuid}`, {});
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, before);
    assert.equal((await s.call('PATCH', '/v1/pod_managers/no-such-podm', {})).status, 404);
  });

  it('delete answers a confirmation and forgets the pool', async () => {
    const uuid = await s.addPodManager();
    assert.ok((await s.call('GET', `/v1/devices?podm_id=${uuid}`)).body.length > 0);
    const r = await s.call('DELETE', `/v1/pod_managers/${uuid}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.code, 'DELETED');
    assert.equal(r.body.request_id, r.headers.get('x-openstack-request-id'));
    assert.deepEqual((await s.call('GET', `/v1/devices?podm_id=${uuid}`)).body, []);
    assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).status, 404);
  });

  it('delete refuses while composed nodes remain, unless ?force=true, which decomposes them on the fabric', async () => {
    const uuid = await s.addPodManager();
    const node = await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: uuid, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(node.status, 200, node.text);
    const refused = await s.call('DELETE', `/v1/pod_managers/${uuid}`);
    assert.equal(refused.status, 409);
    assert.match(refused.body.detail, /1 composed node/);
    const bad = await s.call('DELETE', `/v1/pod_managers/${uuid}?force=yes`);
    assert.equal(bad.status, 400);
    const forced = await s.call('DELETE', `/v1/pod_managers/${uuid}?force=true`);
    assert.equal(forced.status, 200);
    assert.equal(s.sim.fabric.get('0x7777777777')?.group_id, '4093', 'the NIC went back to the pool');
    assert.equal(s.sim.fabric.get(node.body.index)?.group_id, '4094', 'the server gave its group back');
  });

  it('the status is re-checked by every sync: Offline when the EEM fails, AuthError when it refuses, Online again after', async () => {
    const uuid = await s.addPodManager();
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', status: 503, code: '50300', message: 'maintenance', count: 2 });
    const failed = await s.call('POST', '/v1/devices/sync', { podm_id: uuid });
    assert.equal(failed.body[0].status, 'FAILED');
    assert.match(failed.body[0].detail, /maintenance/);
    const offline = await s.call('GET', `/v1/pod_managers/${uuid}`);
    assert.equal(offline.body.status, 'Offline');
    assert.match(offline.body.status_detail, /50300/);
    await s.simControl('DELETE', '/_sim/faults');
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', status: 401, code: '40100', message: 'who are you', count: 2 });
    await s.call('POST', '/v1/devices/sync', { podm_id: uuid });
    assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).body.status, 'AuthError');
    await s.simControl('DELETE', '/_sim/faults');
    await s.call('POST', '/v1/devices/sync', { podm_id: uuid });
    assert.equal((await s.call('GET', `/v1/pod_managers/${uuid}`)).body.status, 'Online');
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

// The audit trail: every change (and every refused one) with who, project, what, target, result,
// request id and time; read by admins only, filtered, newest first, a page at a time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { covalence } from '../cli/support.js';
import { startStack, type Stack } from '../../support/stack.js';
import { addPodManager, as, isValenceError, people, type People } from './support.js';

describe('audit trail', () => {
  let s: Stack;
  let p: People;
  let podm: string;
  const started = new Date().toISOString();
  const audit = async (query = '') => {
    const r = await s.call('GET', `/v1/audit${query}`, undefined, as(p.admin));
    assert.equal(r.status, 200, r.text);
    return r.body as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON
  };
  before(async () => {
    s = await startStack({ auth: 'token' });
    p = await people(s);
    podm = await addPodManager(s, p.admin);
  });
  after(() => s.close());

  it('records a change with who, project, role, what, target, result, status, request id and time', async () => {
    const r = await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: podm }, as(p.member));
    assert.equal(r.status, 200);
    const [event] = await audit('?action=node.compose');
    assert.deepEqual({ ...event, id: typeof event!.id, time: typeof event!.time }, {
      id: 'string', time: 'string', request_id: r.headers.get('x-openstack-request-id'),
      user_id: event!.user_id, user_name: 'mel', project: 'p1', role: 'member',
      action: 'node.compose', target: r.body.uuid, result: 'success', status: 200,
    });
    assert.ok(event!.time >= started && event!.time <= new Date().toISOString());
    const created = (await audit('?action=pod_manager.create'))[0]!;
    assert.equal(created.target, podm, "a create's target is what it created");
    assert.equal(created.user_name, 'ada');
  });

  it('records failures and refusals of the role, but not reads, dry runs or strangers', async () => {
    const before = (await audit()).length;
    await s.call('GET', '/v1/nodes', undefined, as(p.member));
    await s.call('POST', '/v1/nodes?dry_run=true', { name: 'plan', podm_id: podm }, as(p.member));
    await s.call('DELETE', `/v1/pod_managers/${podm}`);
    assert.equal((await audit()).length, before, 'nothing recorded');

    const denied = await s.call('DELETE', `/v1/pod_managers/${podm}`, undefined, as(p.member));
    assert.equal(denied.status, 403);
    const failed = await s.call('POST', `/v1/nodes/${podm}/action`, { attach: { resource_id: 'nope' } }, as(p.member));
    assert.equal(failed.status, 404);
    const [last, first] = await audit('?limit=2');
    assert.deepEqual([first!.action, first!.target, first!.result, first!.status, first!.user_name], ['pod_manager.delete', podm, 'denied', 403, 'mel']);
    assert.deepEqual([last!.action, last!.result, last!.status], ['node.attach', 'failure', 404]);
  });

  it('filters by user (id or name), project, action, target, result and time, newest first', async () => {
    const all = await audit();
    assert.deepEqual(all.map((e) => e.time), all.map((e) => e.time).sort().reverse(), 'newest first');
    assert.ok((await audit('?user=mel')).every((e) => e.user_name === 'mel'));
    const byId = await audit(`?user=${all.find((e) => e.user_name === 'ada')!.user_id}`);
    assert.ok(byId.length > 0 && byId.every((e) => e.user_name === 'ada'));
    assert.ok((await audit('?project=ops')).every((e) => e.project === 'ops'));
    assert.ok((await audit('?result=denied')).every((e) => e.result === 'denied'));
    assert.deepEqual((await audit(`?target=${podm}&action=pod_manager.create`)).length, 1);
    assert.deepEqual(await audit('?since=2099-01-01T00:00:00Z'), []);
    assert.deepEqual(await audit('?until=2000-01-01T00:00:00Z'), []);
    const middle = all[Math.floor(all.length / 2)]!.time;
    const since = await audit(`?since=${encodeURIComponent(middle)}`);
    assert.ok(since.length > 0 && since.every((e) => e.time >= middle));
  });

  it('pages with limit and marker, and refuses an unknown marker or a bad limit (400)', async () => {
    for (let i = 0; i < 5; i++) await s.call('POST', '/v1/flavors', { name: `f${i}`, properties: {} }, as(p.admin));
    const all = await audit('?action=flavor.create');
    assert.equal(all.length, 5);
    const first = await audit('?action=flavor.create&limit=2');
    const second = await audit(`?action=flavor.create&limit=2&marker=${first[1]!.id}`);
    const third = await audit(`?action=flavor.create&limit=2&marker=${second[1]!.id}`);
    assert.deepEqual([...first, ...second, ...third].map((e) => e.id), all.map((e) => e.id));
    assert.ok(isValenceError(await s.call('GET', '/v1/audit?marker=nope', undefined, as(p.admin)), 400));
    assert.ok(isValenceError(await s.call('GET', '/v1/audit?limit=0', undefined, as(p.admin)), 400));
    assert.ok(isValenceError(await s.call('GET', '/v1/audit?since=yesterday', undefined, as(p.admin)), 400));
  });

  it('is for admins only', async () => {
    assert.ok(isValenceError(await s.call('GET', '/v1/audit', undefined, as(p.member)), 403));
    assert.ok(isValenceError(await s.call('GET', '/v1/audit'), 401));
  });

  it('records tokens made and revoked on the host, as the local user', async () => {
    const made = await covalence(['token', 'create', '--role', 'reader', '--project', 'p9', '--db', s.dbUrl]);
    assert.equal(made.code, 0, made.stderr);
    const [event] = await audit('?action=token.create');
    assert.match(event!.user_id, /^local:/);
    assert.equal(event!.project, null);
    assert.equal(event!.status, null);
    assert.ok(!JSON.stringify(await audit()).includes(made.stdout.trim()), 'the trail never holds a token');
  });
});

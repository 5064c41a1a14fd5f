// Fault injection through /_sim/faults, observed on the EEM API over real HTTP.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { ADMIN, startSim } from './support.js';

const s = await startSim(after, { topology: { named: 'valence-fixtures' } });
beforeEach(async () => {
  await s.control('POST', 'reset');
});

const addFault = async (rule: unknown): Promise<string> => {
  const answer = await s.control('POST', 'faults', rule);
  assert.equal(answer.status, 201, answer.text);
  return answer.body.id;
};
const statuses = async (n: number, path = 'devices'): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await s.eem('GET', path)).status);
  return out;
};

test('a rule answers a matching call with its status, code and message, and is spent after one hit', async () => {
  await addFault({ method: 'PUT', path: 'group_id', status: 503, code: '50301', message: 'EEM is busy' });
  const failed = await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' });
  assert.equal(failed.status, 503);
  assert.deepEqual(failed.body, { code: '50301', message: 'EEM is busy' });
  assert.equal(s.sim.fabric.get('0x7777777777')?.group_id, '4093', 'a faulted call reaches no handler');
  const next = await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' });
  assert.equal(next.status, 200);
  assert.deepEqual((await s.control('GET', 'faults')).body.faults, []);
});

test('a rule with a status but no code or message answers a default code made of the status', async () => {
  await addFault({ path: 'devices', status: 500 });
  const answer = await s.eem('GET', 'devices');
  assert.equal(answer.status, 500);
  assert.equal(answer.body.code, '50000');
  assert.equal(typeof answer.body.message, 'string');
});

test('method restricts a rule to calls of that method', async () => {
  await addFault({ method: 'delete', path: 'group_id', status: 500 });
  assert.equal((await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' })).status, 200);
  assert.equal((await s.eem('DELETE', 'devices/0x7777777777/group_id')).status, 500);
});

test('path is matched as a substring or as a regular expression against the path after the base', async () => {
  await addFault({ path: '^devices/0x[0-9a-f]+$', status: 500, count: null });
  assert.equal((await s.eem('GET', 'devices/0x7777777777')).status, 500);
  assert.equal((await s.eem('GET', 'devices/detail')).status, 200);
  assert.equal((await s.eem('GET', 'devices/0x7777777777/uid_led_status')).status, 200);
  await s.control('DELETE', 'faults');
  await addFault({ path: 'devices/0x8888888888/', status: 500 });
  assert.equal((await s.eem('PUT', 'devices/0x7777777777/audit')).status, 200);
  assert.equal((await s.eem('PUT', 'devices/0x8888888888/audit')).status, 500);
});

test('a rule with a body answers that raw text instead of JSON, with its status or 200', async () => {
  await addFault({ path: 'devices', status: 502, body: '<html>Bad Gateway</html>' });
  const html = await s.eem('GET', 'devices');
  assert.equal(html.status, 502);
  assert.equal(html.text, '<html>Bad Gateway</html>');
  assert.match(html.headers.get('content-type') ?? '', /^text\/plain/);
  await addFault({ path: 'api_version', body: 'OK' });
  const ok = await s.eem('GET', 'api_version');
  assert.equal(ok.status, 200);
  assert.equal(ok.text, 'OK');
  assert.equal(ok.body, undefined);
});

test('a dropping rule destroys the socket without an answer, and the call is not carried out', async () => {
  await addFault({ path: 'group_id', drop: true });
  await assert.rejects(
    fetch(`${s.sim.url}/devices/0x7777777777/group_id`, {
      method: 'PUT',
      headers: { authorization: ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ group_id: '1234' }),
    }),
    TypeError,
  );
  assert.equal(s.sim.fabric.get('0x7777777777')?.group_id, '4093');
  assert.equal((await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' })).status, 200);
});

test('latency delays a normal answer when the rule has no status', async () => {
  await addFault({ path: 'api_version', latency_ms: 200 });
  const started = performance.now();
  const slow = await s.eem('GET', 'api_version');
  assert.ok(performance.now() - started >= 190, 'the answer came too early');
  assert.equal(slow.status, 200);
  assert.equal(typeof slow.body.version_number, 'string');
  // A lower bound only: an upper one would fail on a loaded machine. The spent rule is gone.
  assert.deepEqual((await s.control('GET', 'faults')).body.faults, []);
});

test('latency delays an injected error too', async () => {
  await addFault({ path: 'api_version', latency_ms: 150, status: 504 });
  const started = performance.now();
  assert.equal((await s.eem('GET', 'api_version')).status, 504);
  assert.ok(performance.now() - started >= 140);
});

test('skip lets that many matching calls through before count calls are hit', async () => {
  await addFault({ path: 'devices', status: 500, skip: 2, count: 2 });
  assert.deepEqual(await statuses(5), [200, 200, 500, 500, 200]);
});

test('a rule with count null is never spent', async () => {
  await addFault({ path: 'devices', status: 500, count: null });
  assert.deepEqual(await statuses(4), [500, 500, 500, 500]);
  assert.equal((await s.control('GET', 'faults')).body.faults[0].remaining, null);
});

test('probability 0 never fires and probability 1 always does', async () => {
  await addFault({ path: 'devices', status: 500, count: null, probability: 0 });
  assert.deepEqual(await statuses(10), Array(10).fill(200));
  await s.control('DELETE', 'faults');
  await addFault({ path: 'devices', status: 500, count: 3, probability: 1 });
  assert.deepEqual(await statuses(4), [500, 500, 500, 200]);
});

test('a partial probability fires on some calls, in the same sequence after a reset', async () => {
  const run = async () => {
    await s.control('POST', 'reset');
    await addFault({ path: 'devices', status: 500, count: null, probability: 0.5 });
    return statuses(30);
  };
  const first = await run();
  assert.ok(first.includes(200) && first.includes(500), `expected a mix, got ${first}`);
  assert.deepEqual(await run(), first);
});

test('rules are listed with the hits they have left, and removed one by one or all at once', async () => {
  const a = await addFault({ path: 'devices', status: 500, count: 3 });
  const b = await addFault({ method: 'PUT', path: 'audit', latency_ms: 10 });
  await s.eem('GET', 'devices');
  const listed = (await s.control('GET', 'faults')).body.faults;
  assert.deepEqual(
    listed.map((f: { id: string; path: string; remaining: number }) => [f.id, f.path, f.remaining]),
    [
      [a, 'devices', 2],
      [b, 'audit', 1],
    ],
  );
  const removed = await s.control('DELETE', `faults/${a}`);
  assert.equal(removed.status, 200);
  assert.deepEqual(
    (await s.control('GET', 'faults')).body.faults.map((f: { id: string }) => f.id),
    [b],
  );
  await addFault({ path: 'x' });
  assert.deepEqual((await s.control('DELETE', 'faults')).body, { removed: 2 });
  assert.deepEqual((await s.control('GET', 'faults')).body.faults, []);
});

test('removing a rule that does not exist is 404 with code 40401', async () => {
  const answer = await s.control('DELETE', 'faults/999');
  assert.equal(answer.status, 404);
  assert.equal(answer.body.code, '40401');
});

test('an invalid rule is refused with 40012 naming what is wrong', async () => {
  const cases: [unknown, RegExp][] = [
    [{ status: 500 }, /path/],
    [{ path: 'devices', status: 99 }, /status/],
    [{ path: 'devices', probability: 1.5 }, /probability/],
    [{ path: 'devices', count: 0 }, /count/],
    [{ path: 'devices', drop: true, status: 500 }, /drop/],
    [{ path: 'devices', code: '50000' }, /status/],
    [{ path: 'devices', colour: 'red' }, /colour/],
  ];
  for (const [rule, message] of cases) {
    const answer = await s.control('POST', 'faults', rule);
    assert.equal(answer.status, 400, JSON.stringify(rule));
    assert.equal(answer.body.code, '40012', JSON.stringify(rule));
    assert.match(answer.body.message, message);
  }
});

test('faults never apply to the control API', async () => {
  await addFault({ path: '.*', status: 500, count: null });
  assert.equal((await s.eem('GET', 'devices')).status, 500);
  assert.equal((await s.control('GET', 'stats')).status, 200);
  assert.equal((await s.control('GET', 'faults')).status, 200);
});

test('faults apply after authentication: a refused login neither meets nor spends a rule', async () => {
  await addFault({ path: 'devices', status: 500 });
  const anonymous = await s.fetch(`${s.sim.url}/devices`);
  assert.equal(anonymous.status, 401);
  assert.equal((await s.eem('GET', 'devices')).status, 500);
});

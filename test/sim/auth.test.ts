// HTTP Basic authentication on both the EEM API and the control API.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ADMIN, startSim } from './support.js';

const s = await startSim(after, { user: 'ops', password: 's3cret:with colon' });
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('a call without credentials is 401 with code 40100, a JSON body and WWW-Authenticate', async () => {
  const answer = await s.fetch(`${s.sim.url}/devices`);
  assert.equal(answer.status, 401);
  assert.equal(answer.body.code, '40100');
  assert.equal(typeof answer.body.message, 'string');
  assert.equal(answer.headers.get('www-authenticate'), 'Basic realm="EEM"');
});

test('a wrong password or user is 401 with code 40101 and WWW-Authenticate', async () => {
  for (const authorization of [basic('ops', 'wrong'), basic('admin', 's3cret:with colon'), ADMIN, 'Basic !!!']) {
    const answer = await s.fetch(`${s.sim.url}/devices`, { headers: { authorization } });
    assert.equal(answer.status, 401, authorization);
    assert.equal(answer.body.code, '40101', authorization);
    assert.equal(answer.headers.get('www-authenticate'), 'Basic realm="EEM"');
  }
});

test('another scheme than Basic counts as no credentials', async () => {
  const answer = await s.fetch(`${s.sim.url}/devices`, { headers: { authorization: 'Bearer abc' } });
  assert.equal(answer.status, 401);
  assert.equal(answer.body.code, '40100');
});

test('the configured user and password are let in, a password with a colon included', async () => {
  const answer = await s.eem('GET', 'devices');
  assert.equal(answer.status, 200);
  assert.ok(answer.body.devices.length > 0);
});

test('the control API asks for the same credentials', async () => {
  const refused = await s.fetch(`${s.sim.origin}/_sim/stats`);
  assert.equal(refused.status, 401);
  assert.equal(refused.body.code, '40100');
  assert.equal((await s.control('GET', 'stats')).status, 200);
});

test('an unknown route is 401 before it is 404, so probing without credentials learns nothing', async () => {
  const answer = await s.fetch(`${s.sim.origin}/secret-place`);
  assert.equal(answer.status, 401);
});

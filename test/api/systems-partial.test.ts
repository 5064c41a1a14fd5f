import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, startStack, type Stack } from '../../support/stack.js';
import { covalence } from '../cli/support.js';

describe('systems: one pod manager down does not hide the others', () => {
  let s: Stack;
  let other: EemSim;
  const basic = `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}`;
  const otherControl = (method: string, path: string, body?: unknown) => http(`${other.origin}${path}`, method, body, { authorization: basic });
  const drop = { path: 'devices', drop: true, count: 100 };
  before(async () => {
    s = await startStack();
    await s.addPodManager('podm1');
    other = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 2, devices: 2, seed: 5 } } });
    const second = await s.call('POST', '/v1/pod_managers', podManagerBody(other.url, 'rack 2, east'));
    assert.equal(second.status, 200, second.text);
  });
  after(async () => {
    await s.close();
    await other.close();
  });

  it('both answering: every server, no header', async () => {
    const r = await s.call('GET', '/v1/systems');
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 5);
    assert.equal(r.headers.get('x-covalence-unreachable'), null);
  });

  it("one down: the other's servers, the one down named in X-Covalence-Unreachable", async () => {
    await otherControl('POST', '/_sim/faults', drop);
    try {
      const r = await s.call('GET', '/v1/systems');
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.length, 3);
      assert.equal(decodeURIComponent(r.headers.get('x-covalence-unreachable') ?? ''), 'rack 2, east');
      const cli = await covalence(['system', 'list', '-o', 'json', '--url', s.api]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(JSON.parse(cli.stdout).length, 3);
      assert.equal(cli.stderr, 'covalence: warning: pod manager(s) rack 2, east did not answer; what they hold is missing from this list\n');
    } finally {
      await otherControl('DELETE', '/_sim/faults');
    }
  });

  it('all down: 503 naming each', async () => {
    await Promise.all([otherControl('POST', '/_sim/faults', drop), s.simControl('POST', '/_sim/faults', drop)]);
    try {
      const r = await s.call('GET', '/v1/systems');
      assert.equal(r.status, 503);
      assert.match(r.body.detail, /^No pod manager answered: .*pod manager podm1 .*pod manager rack 2, east/);
    } finally {
      await Promise.all([otherControl('DELETE', '/_sim/faults'), s.simControl('DELETE', '/_sim/faults')]);
    }
  });
});

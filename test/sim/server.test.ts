// Starting and stopping: the URLs handed back, base paths, ports, close.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEemSim } from '../../src/sim/eem/index.js';
import { startSim } from './support.js';

test('startEemSim hands back the base URL, the origin and the real port of a free-port start', async (t) => {
  const { sim } = await startSim((fn) => t.after(fn));
  assert.notEqual(sim.port, 0);
  assert.equal(sim.origin, `http://127.0.0.1:${sim.port}`);
  assert.equal(sim.url, `${sim.origin}/eem`);
  assert.equal(sim.fabric.count({ status: 'eesv' }), 4, 'the default topology has 4 servers');
  assert.equal(sim.fabric.count({ status: 'eeio' }), 16, 'and 16 devices');
});

test('a base path is normalised, and / serves the EEM API at the root', async (t) => {
  const nested = await startSim((fn) => t.after(fn), { base: 'api/eem/' });
  assert.equal(nested.sim.url, `${nested.sim.origin}/api/eem`);
  assert.equal((await nested.eem('GET', 'api_version')).status, 200);
  const root = await startSim((fn) => t.after(fn), { base: '/' });
  assert.equal(root.sim.url, root.sim.origin);
  assert.equal((await root.eem('GET', 'devices')).status, 200);
  assert.equal((await root.control('GET', 'stats')).body.calls['GET devices'], 1);
});

test('a base path under /_sim or with a query is refused', async () => {
  await assert.rejects(startEemSim({ port: 0, base: '/_sim/eem' }), /base/);
  await assert.rejects(startEemSim({ port: 0, base: '/eem?x=1' }), /base/);
});

test('a port already in use is refused with EADDRINUSE, naming the port', async (t) => {
  const { sim } = await startSim((fn) => t.after(fn));
  await assert.rejects(startEemSim({ port: sim.port }), { code: 'EADDRINUSE', message: `port ${sim.port} on 127.0.0.1 is in use by another process` });
});

test('after close the simulator no longer answers', async () => {
  const sim = await startEemSim({ port: 0 });
  await sim.close();
  await assert.rejects(fetch(`${sim.url}/api_version`), TypeError);
});

// A port that is taken is named, with the flag that chose it: `serve --demo` listens on two ports.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { covalence } from './support.js';

it("serve --demo and eem-sim on a busy port exit 1 naming the port and the flag to change it", async (t) => {
  const taken = createServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  t.after(() => taken.close());
  const port = (taken.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'covalence-busy-'));
  const [demo, sim] = await Promise.all([
    covalence(['serve', '--demo', '--port', '0', '--demo-eem-port', String(port), '--data-dir', dir, '--db', `sqlite:${join(dir, 'c.sqlite')}`, '--log-level', 'error']),
    covalence(['eem-sim', '--port', String(port)]),
  ]);
  assert.equal(demo.code, 1, demo.stderr);
  assert.match(demo.stderr, new RegExp(`the demo EEM simulator cannot start: port ${port} on 127\\.0\\.0\\.1 is in use by another process; choose another with --demo-eem-port`));
  assert.equal(sim.code, 1, sim.stderr);
  assert.equal(sim.stderr, `eem-sim: port ${port} on 127.0.0.1 is in use by another process; choose another with --port (0 takes any free one)\n`);
});

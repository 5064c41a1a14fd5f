// `covalence serve` sets V8 for a small footprint before its modules load (src/cli/server-heap.ts),
// however it is started: its young generation stays at a quarter of the 32 MiB V8 grows it to while
// the modules load.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { freePort, runCovalence } from '../../support/process.js';

it('serve keeps the young generation small', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'covalence-heap-'));
  const port = await freePort();
  const running = await runCovalence(['serve', '--port', String(port), '--db', `sqlite:${join(dir, 'c.sqlite')}`,
    '--secret-key-file', join(dir, 'key'), '--sync-interval', '0'], /covalence is serving/);
  try {
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const young = Number(/^covalence_process_nodejs_heap_space_size_total_bytes\{space="new"\} (\d+)$/m.exec(metrics)?.[1]);
    assert.ok(young > 0 && young <= 8 * 2 ** 20, `young generation ${young} bytes`);
  } finally {
    running.child.kill('SIGTERM');
    await running.exited;
    rmSync(dir, { recursive: true, force: true });
  }
});

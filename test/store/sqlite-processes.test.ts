import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreInUseError } from '../../src/store/database.js';
import { takeServeLock } from '../../src/store/serve-lock.js';
import { covalence } from '../cli/support.js';
import { freePort, runCovalence, type Running } from '../../support/process.js';
import { http } from '../../support/stack.js';

/** A demo server on its own port, data directory and SQLite file. */
async function serve(dir: string, db: string): Promise<{ api: string; running: Running }> {
  const port = await freePort();
  const running = await runCovalence([
    'serve', '--demo', '--port', String(port), '--demo-eem-port', String(await freePort()), '--db', db,
    '--data-dir', dir, '--secret-key-file', join(dir, 'secret.key'),
  ], /covalence is serving/);
  return { api: `http://127.0.0.1:${port}`, running };
}

describe('one SQLite file, several processes', { timeout: 120_000 }, () => {
  it('a second server on the file refuses to start and says which process serves it; CLI commands beside the server only wait', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'covalence-sqlite-procs-'));
    const db = `sqlite:${join(dir, 'covalence.sqlite')}`;
    const first = await serve(dir, db);
    t.after(async () => {
      first.running.child.kill('SIGKILL');
      await first.running.exited;
      rmSync(dir, { recursive: true, force: true });
    });

    const second = await serve(join(dir, 'second'), db).then(
      () => assert.fail('a second server started on the same SQLite file'),
      (err: Error) => err.message,
    );
    assert.match(second, new RegExp(`already served by covalence process ${first.running.child.pid}`));
    assert.match(second, /PostgreSQL/);

    // Composes through the server while local commands write to the same file.
    const composes = Array.from({ length: 12 }, (_, i) =>
      http(`${first.api}/v1/nodes`, 'POST', { name: `n${i}`, properties: { pci_device: { type: [] } } }));
    const tokens = Array.from({ length: 6 }, (_, i) =>
      covalence(['token', 'create', '--role', 'reader', '--project', `p${i}`, '--db', db]));
    const answers = await Promise.all(composes);
    const made = await Promise.all(tokens);
    for (const a of answers) assert.ok(a.status === 200 || a.status === 404, `compose answered ${a.status}: ${JSON.stringify(a.body)}`);
    assert.ok(answers.some((a) => a.status === 200), 'some composes succeeded');
    for (const m of made) assert.equal(m.code, 0, m.stderr);
    const listed = await covalence(['token', 'list', '-o', 'json', '--db', db]);
    assert.equal((JSON.parse(listed.stdout) as unknown[]).length, 6);
  });

  it('a server that was killed leaves a lock the next server takes over', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'covalence-sqlite-procs-'));
    const db = `sqlite:${join(dir, 'covalence.sqlite')}`;
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const first = await serve(dir, db);
    first.running.child.kill('SIGKILL');
    await first.running.exited;
    const next = await serve(dir, db);
    t.after(async () => {
      next.running.child.kill('SIGTERM');
      await next.running.exited;
    });
    assert.equal((await http(`${next.api}/v1/pod_managers`, 'GET')).status, 200);
  });
});

describe('the serve lock', () => {
  it('is held until released, by whichever of several takers got it, never by two', () => {
    const dir = mkdtempSync(join(tmpdir(), 'covalence-serve-lock-'));
    try {
      const path = join(dir, 'c.sqlite');
      const release = takeServeLock(path);
      assert.throws(() => takeServeLock(path), (err: Error) => err instanceof StoreInUseError && err.message.includes(`covalence process ${process.pid}`));
      release();
      const again = takeServeLock(path);
      assert.throws(() => takeServeLock(path), StoreInUseError);
      again();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

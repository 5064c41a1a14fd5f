// `covalence events` follows the stream as a script would read it: one JSON object a line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { client } from './support.js';

let s: Stack;
before(async () => {
  s = await startStack();
});
after(() => s.close());

it('follows the stream from --since, filtered, -o json; --no-follow prints what is kept', async () => {
  const child = spawn(process.execPath, ['bin/covalence.js', 'events', '--since', '0', '--kind', 'pod_manager.created,sync.drift', '-o', 'json'], {
    env: { PATH: process.env.PATH!, COVALENCE_URL: s.api }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  try {
    const podm = await s.addPodManager();
    const deadline = Date.now() + 10_000;
    while (out.split('\n').filter(Boolean).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const events = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; podm_id: string; seq: number });
    assert.deepEqual(events.map((e) => e.kind), ['pod_manager.created', 'sync.drift']);
    assert.ok(events.every((e) => e.podm_id === podm));
  } finally {
    child.kill();
  }
  const kept = await client(s.api).run(['events', '--no-follow', '--since', '0', '--kind', 'sync.drift']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout, /^1?\d+ {2}\S+ {2}sync\.drift {2}/m);
});

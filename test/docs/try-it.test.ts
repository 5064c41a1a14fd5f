// The README's "Try it" stays true: each request is run as written (ports, data directory and ids
// swapped for a demo's own) and answers with the status and the keys the README shows.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startDemo } from './demo.js';
import { fences, shCommands } from './markdown.js';
import { learnIds, parseShown, shapeDiff, withIds } from './shape.js';

const sh = promisify(execFile);

test("README.md's Try it: every request answers against a demo with the status and keys shown", { timeout: 90_000 }, async (t) => {
  const demo = await startDemo();
  t.after(() => demo.close());
  const blocks = fences('README.md', '## Try it');
  const ids = new Map<string, string>();
  let ran = 0;
  for (const [i, block] of blocks.entries()) {
    if (block.lang !== 'sh') continue;
    const next = blocks[i + 1];
    const shownAfter = next?.lang === 'json' && next.start === block.end + 1 ? next.text : undefined;
    const commands = shCommands(block.text);
    for (const [j, { command, answer }] of commands.entries()) {
      const shown = answer ?? (j === commands.length - 1 ? shownAfter : undefined);
      const run = demo.local(withIds(command, ids));
      const { stdout } = await sh('bash', ['-c', `${run} -w '\\n%{http_code}'`], { timeout: 10_000 });
      const status = Number(stdout.slice(stdout.lastIndexOf('\n') + 1));
      const body = stdout.slice(0, stdout.lastIndexOf('\n'));
      const context = `${command}\n→ ${status} ${body}`;
      const noContent = shown !== undefined && /^HTTP\/1\.1 204/.test(shown);
      assert.equal(status, noContent ? 204 : 200, context);
      if (shown !== undefined && !noContent) {
        const documented = parseShown(shown);
        const real = JSON.parse(body);
        assert.deepEqual(shapeDiff(documented, real), [], context);
        learnIds(documented, real, ids);
      }
      ran += 1;
    }
  }
  t.diagnostic(`${ran} requests`);
  assert.ok(ran >= 8, `only ${ran} requests found under Try it`);
});

// The terminal sessions of README.md and docs/cli.md stay true: each command is run as written
// against a demo (ports swapped, ids swapped for the ones it printed) and prints what the page
// shows, but for ids, server indexes, times and column widths. Lines annotated `# …` show what
// only a terminal sees (a prompt, a progress bar); `...` ends what the page shows of an answer.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDemo, type Demo } from './demo.js';
import { consoleSession, fences } from './markdown.js';
import { withIds } from './shape.js';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
/** The README's second EEM's password, typed at each prompt. */
const EEM_PASSWORD = 's3cret';
const home = mkdtempSync(join(tmpdir(), 'covalence-docs-home-'));

/** Ids, indexes and times differ from run to run, column widths with them. */
const comparable = (line: string) => line
  .replace(UUID, '<uuid>').replace(/\b[0-9a-f]{8}…/g, '<id>…').replace(/\b0x[0-9a-f]{10,12}\b/g, '<index>')
  .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/g, '<time>').replace(/ {2,}/g, '  ').trimEnd();

/** `bash -c COMMAND` with its stdout and stderr as a terminal interleaves them. */
function run(command: string, demo: Demo): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-c', `{ ${command}\n} 2>&1`], {
    env: { PATH: process.env.PATH!, HOME: home, COVALENCE_URL: demo.url }, stdio: ['pipe', 'pipe', 'inherit'], timeout: 15_000,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
  child.stdin.end(`${EEM_PASSWORD}\n`);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output: demo.documented(output) })));
}

/** Pairs the ids the page shows with the ones printed, line by line, in order. */
function learn(shown: string[], printed: string[], ids: Map<string, string>): void {
  shown.forEach((line, i) => {
    const real = printed[i]?.match(UUID) ?? [];
    (line.match(UUID) ?? []).forEach((id, j) => real[j] && ids.set(id.slice(0, 8), real[j]!));
  });
}

for (const [file, heading] of [['README.md', '## Command line'], ['docs/cli.md', '## A terminal session']] as const) {
  test(`${file}'s terminal session prints what the page shows, run against a demo`, { timeout: 120_000 }, async (t) => {
    const demo = await startDemo();
    t.after(() => demo.close());
    const ids = new Map<string, string>();
    const session = consoleSession(fences(file, heading).find((f) => f.lang === 'console')!.text);
    let ran = 0;
    for (const { command, answer = '' } of session) {
      if (command.startsWith('node bin/covalence.js serve')) continue; // the demo started above
      const { code, output } = await run(demo.local(withIds(command, ids)), demo);
      const cut = answer.split('\n').indexOf('...');
      const shown = (cut < 0 ? answer.split('\n') : answer.split('\n').slice(0, cut)).filter((l) => !/\s#\s/.test(l) && l !== '');
      const printed = output.trimEnd().split('\n').filter((l) => l !== '');
      const context = `$ ${command}\n${output}`;
      assert.equal(code, 0, context);
      assert.deepEqual((cut < 0 ? printed : printed.slice(0, shown.length)).map(comparable), shown.map(comparable), context);
      learn(shown, printed, ids);
      ran += 1;
    }
    assert.ok(ran >= 3, `only ${ran} commands found`);
  });
}

// The README names one way to run the command in a fresh clone, `node bin/covalence.js …`: no npx
// (which copies and rebuilds the checkout, ~30 s, and fails with --no-install on npm 11), no
// `covalence` on PATH (npm ci puts nothing there). Every page uses it, and it starts at once.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DOC_FILES, fences } from './markdown.js';

const FORM = 'node bin/covalence.js';

test('every command example in README.md and docs/ runs the command as `node bin/covalence.js`', () => {
  const wrong = DOC_FILES.flatMap((file) => [
    ...(readFileSync(file, 'utf8').includes('npx covalence') ? [`${file}: npx covalence`] : []),
    ...fences(file).flatMap((f) => f.text.split('\n').filter((l) => /^\s*(\$ )?covalence [a-z]/.test(l)).map((l) => `${file}: ${l.trim()}`)),
  ]);
  assert.deepEqual(wrong, []);
});

test("the README's second EEM, started exactly as written (on a free port), answers within 5 s", async (t) => {
  const readme = readFileSync('README.md', 'utf8').replace(/\s*\n\s*/g, ' ');
  const line = new RegExp(`\`(${FORM} eem-sim [^\`]*)\``).exec(readme)?.[1];
  assert.ok(line, `README.md has no \`${FORM} eem-sim …\``);
  const started = Date.now();
  const child = spawn('sh', ['-c', `exec ${line.replace(/--port \d+/, '--port 0')}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill());
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer after 5 s:\n${out}`)), 5_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  const res = await fetch(`${url}/api_version`, { headers: { authorization: `Basic ${btoa('admin:s3cret')}` } });
  assert.equal(res.status, 200);
  t.diagnostic(`started and answered in ${Date.now() - started} ms`);
});

// What an operator at a terminal sees: the password prompt without echo, and progress bars. `script`
// (util-linux) gives the command a pseudo-terminal; the raw-mode line editing is also tested directly.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { SecretLine } from '../../src/cli/client/prompt.js';
import { EEM_PASSWORD, EEM_USER, startStack, type Stack } from '../../support/stack.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs `covalence ...args` on a pseudo-terminal; `type` writes keys once the output matches `after`. */
function inTerminal(args: string[], env: Record<string, string>) {
  const command = ['node', 'bin/covalence.js', ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString();
    waiters.forEach((w) => w());
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    async type(keys: string, after: RegExp) {
      await new Promise<void>((resolve) => {
        const check = () => after.test(output) && resolve();
        waiters.push(check);
        check();
      });
      child.stdin.write(keys);
    },
  };
}

describe('at a terminal', { skip: !hasScript && 'needs script(1) from util-linux' }, () => {
  let s: Stack;
  let env: Record<string, string>;

  before(async () => {
    s = await startStack({ topology: { generate: { servers: 3, devices: 4, seed: 7 } } });
    env = { COVALENCE_URL: s.api };
  });
  after(() => s.close());

  it('asks for the password on the terminal and does not echo it', async () => {
    const t = inTerminal(['podmanager', 'create', 'tty', s.sim.url, '--username', EEM_USER, '-c', 'status'], env);
    await t.type(`${EEM_PASSWORD.slice(0, 3)}x\x7f${EEM_PASSWORD.slice(3)}\r`, /EEM password for eem-admin: $/);
    assert.equal(await t.exited, 0, t.output());
    assert.ok(!t.output().includes(EEM_PASSWORD.slice(3)), `no echo: ${JSON.stringify(t.output())}`);
    assert.match(t.output(), /EEM password for eem-admin: \r\nstatus +Online\r\n$/);
  });

  it('Ctrl-C at the prompt restores the terminal and ends as an interrupt (exit 130)', async () => {
    const t = inTerminal(['podmanager', 'create', 'tty2', 'http://127.0.0.1:9/eem', '--username', 'u'], env);
    await t.type('abc\x03', /EEM password for u: $/);
    assert.equal(await t.exited, 130);
    assert.ok(!t.output().includes('abc'));
  });

  it('draws a progress bar for a bulk compose, then the table and the summary', async () => {
    const t = inTerminal(['node', 'compose', 'bar', '--count', '2', '--parallel', '1'], env);
    assert.equal(await t.exited, 0, t.output());
    const out = t.output();
    assert.match(out, /\r\x1b\[2Kcomposing \[\.{24}\] 0\/2/);
    assert.match(out, /\r\x1b\[2Kcomposing \[#{12}\.{12}\] 1\/2/);
    assert.match(out, /bar-2 .*\r\ncomposed 2 of 2 node\(s\)\r\n$/);
  });
});

describe('the password line editor (raw mode: nothing is echoed)', () => {
  it('ends at Enter, takes back a character on Backspace and the line on Ctrl-U, and drops escape sequences', () => {
    const line = new SecretLine();
    assert.equal(line.feed('wrong\x15pa'), 'typing');
    assert.equal(line.feed('sx\x7fs\x1b[D\x1b[200~wörd\x1b[201~'), 'typing');
    assert.equal(line.feed('\r'), 'done');
    assert.equal(line.value, 'passwörd');
  });

  it('Ctrl-C interrupts; Ctrl-D and a newline end the line too', () => {
    assert.equal(new SecretLine().feed('ab\x03cd'), 'interrupted');
    const eof = new SecretLine();
    assert.equal(eof.feed('x\x04'), 'done');
    assert.equal(eof.value, 'x');
    assert.equal(new SecretLine().feed('y\n'), 'done');
  });
});

// `covalence eem-sim` as a user runs it: a real process, its URL line, a call, a signal.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/covalence.js', import.meta.url));

/** Starts the CLI and waits for its URL line. */
async function launch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [BIN, 'eem-sim', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout! });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
  try {
    const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [''])])) as [string];
    return { child, line };
  } finally {
    clearTimeout(timeout);
  }
}

const exitOf = async (child: ChildProcess) => (child.exitCode !== null ? [child.exitCode] : await once(child, 'exit'))[0];
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

test('eem-sim prints its URL with the real port, answers calls, and exits 0 on SIGTERM', async (t) => {
  const { child, line } = await launch(['--port', '0', '--servers', '3', '--devices', '9', '--seed', '4']);
  t.after(() => child.kill('SIGKILL'));
  const match = /^EEM simulator listening on (http:\/\/127\.0\.0\.1:(\d+)\/eem) \(3 servers, 9 devices\)$/.exec(line);
  assert.ok(match, `unexpected line: ${line}`);
  assert.notEqual(match[2], '0');
  const res = await fetch(`${match[1]}/devices?status=eeio`, { headers: { authorization: basic('admin', 'admin') } });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { devices: unknown[] }).devices.length, 9);
  child.kill('SIGTERM');
  assert.equal(await exitOf(child), 0);
});

test('eem-sim takes its credentials from COVALENCE_SIM_USER and COVALENCE_SIM_PASSWORD, and exits 0 on SIGINT', async (t) => {
  const { child, line } = await launch(['--port', '0', '--named', 'demo', '--base', '/api/eem'], {
    COVALENCE_SIM_USER: 'lab',
    COVALENCE_SIM_PASSWORD: 'pa55',
  });
  t.after(() => child.kill('SIGKILL'));
  const url = /listening on (\S+) \(4 servers, 14 devices\)$/.exec(line)?.[1];
  assert.match(url ?? line, /\/api\/eem$/);
  assert.equal((await fetch(`${url}/api_version`, { headers: { authorization: basic('admin', 'admin') } })).status, 401);
  assert.equal((await fetch(`${url}/api_version`, { headers: { authorization: basic('lab', 'pa55') } })).status, 200);
  child.kill('SIGINT');
  assert.equal(await exitOf(child), 0);
});

test('eem-sim explains a topology it cannot load and exits 1', async () => {
  const child = spawn(process.execPath, [BIN, 'eem-sim', '--port', '0', '--topology', '/nonexistent/topology.json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  assert.equal(await exitOf(child), 1);
  assert.match(stderr, /^eem-sim: topology file \/nonexistent\/topology\.json: cannot read/);
});

test('eem-sim refuses a generation flag together with a named topology, and does not start', async () => {
  const child = spawn(process.execPath, [BIN, 'eem-sim', '--named', 'demo', '--servers', '2'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  assert.notEqual(await exitOf(child), 0);
  assert.match(stderr, /cannot be used with/);
});

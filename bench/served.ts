// A real `covalence serve` process (SQLite) and EEM simulators as processes of their own, so that
// what is measured of the server (its memory, its event loop) is the server's alone, and the
// load generator in this process competes with neither.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { freePort, runCovalence, type Running } from '../support/process.js';
import { EEM_PASSWORD, EEM_USER, podManagerBody } from '../support/stack.js';

export interface SimProcess {
  readonly url: string;
  /** The simulator's control API (`/_sim/…`): faults, stats. */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
}

export interface Served {
  readonly api: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** An EEM simulator process with a generated topology. */
  sim(spec: { servers: number; devices: number; seed: number }): Promise<SimProcess>;
  /** The server's peak resident set size so far (the kernel's high-water mark), in MiB. */
  peakRssMiB(): number;
  /** The server's event-loop delay since the last call (`monitorEventLoopDelay`, read through /metrics), in ms. */
  loopDelay(): Promise<{ p99Ms: number; maxMs: number }>;
  close(): Promise<void>;
}

const basic = `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}`;

async function json(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await request(url, {
    method: method as 'GET', headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined };
}

/** `nodeFlags` go to node itself (V8's heap sizes; `BENCH_NODE_FLAGS` to try some), `flags` to `covalence serve`. */
export async function startServed({ nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), flags = [] as string[] } = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'covalence-bench-'));
  const port = await freePort();
  const processes: Running[] = [];
  // Logging at `warn`, the server says nothing when it is ready (and writes no line per request):
  // it is ready when /healthz answers.
  const child = spawn(process.execPath, [...nodeFlags, 'bin/covalence.js', 'serve', '--port', String(port), '--db', `sqlite:${join(dir, 'c.sqlite')}`,
    '--secret-key-file', join(dir, 'key'), '--sync-interval', '0', '--log-level', 'warn', ...flags], { stdio: 'ignore' });
  const server: Running = { child, output: () => '', exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1))) };
  processes.push(server);
  const api = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if ((await request(`${api}/healthz`).then((r) => r.body.dump().then(() => r.statusCode), () => 0)) === 200) break;
    if (tries > 200 || child.exitCode !== null) throw new Error(`covalence serve did not start on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const metric = (text: string, name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return {
    api,
    call: (method, path, body) => json(`${api}${path}`, method, body),
    async sim({ servers, devices, seed }) {
      const simPort = await freePort();
      processes.push(await runCovalence(['eem-sim', '--port', String(simPort), '--user', EEM_USER, '--password', EEM_PASSWORD,
        '--servers', String(servers), '--devices', String(devices), '--seed', String(seed)], /listening on/, {}, 60_000));
      const origin = `http://127.0.0.1:${simPort}`;
      return { url: `${origin}/eem`, control: async (method, path, body) => (await json(`${origin}${path}`, method, body, { authorization: basic })).body };
    },
    peakRssMiB: () => Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024,
    async loopDelay() {
      // prom-client reads the monitorEventLoopDelay histogram and resets it at each scrape.
      const text = await (await request(`${api}/metrics`)).body.text();
      return { p99Ms: metric(text, 'covalence_process_nodejs_eventloop_lag_p99_seconds'), maxMs: metric(text, 'covalence_process_nodejs_eventloop_lag_max_seconds') };
    },
    async close() {
      for (const p of processes) p.child.kill('SIGTERM');
      await Promise.all(processes.map((p) => p.exited));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers a simulator as a pod manager (which syncs it) and returns its uuid. */
export async function addPodManager(served: Served, sim: SimProcess, name: string): Promise<string> {
  const r = await served.call('POST', '/v1/pod_managers', podManagerBody(sim.url, name));
  if (r.status !== 200) throw new Error(`pod manager ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.uuid as string;
}

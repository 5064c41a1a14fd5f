// Compose throughput and `GET /v1/devices` rate of real `covalence serve` processes: one on SQLite,
// one and two on PostgreSQL (scripts/postgres.sh), clients spread over the replicas round-robin.
//   node dist/bench/replicas.js        prints a Markdown table
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { startEemSim } from '../src/sim/eem/index.js';
import { createDatabase, type TestDatabase } from '../support/postgres.js';
import { freePort, runCovalence, type Running } from '../support/process.js';
import { EEM_PASSWORD, EEM_USER, podManagerBody } from '../support/stack.js';
import { markdownTable, percentile, progress, rate, round, timed } from './measure.js';

export interface ReplicaRow {
  backend: 'sqlite' | 'postgres';
  replicas: number;
  clients: number;
  composes: number;
  composesPerSecond: number;
  composeMedianMs: number;
  composeP99Ms: number;
  devices: number;
  devicesListPerSecond: number;
}

const SCENARIOS = [['sqlite', 1], ['postgres', 1], ['postgres', 2]] as const;

export async function benchReplicas({ clients = 8, composes = 150, devices = 1_000, seconds = 5 } = {}): Promise<ReplicaRow[]> {
  const rows: ReplicaRow[] = [];
  for (const [backend, replicas] of SCENARIOS) rows.push(await scenario(backend, replicas, { clients, composes, devices, seconds }));
  return rows;
}

async function scenario(
  backend: ReplicaRow['backend'], replicas: number, o: { clients: number; composes: number; devices: number; seconds: number },
): Promise<ReplicaRow> {
  const label = `${backend}, ${replicas} replica(s)`;
  const sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: o.composes + 50, devices: o.devices, seed: 5 } } });
  const dir = mkdtempSync(join(tmpdir(), 'covalence-bench-'));
  const database: TestDatabase | undefined = backend === 'postgres' ? await createDatabase() : undefined;
  const db = database?.url ?? `sqlite:${join(dir, 'c.sqlite')}`;
  const processes: Running[] = [];
  const agent = new Agent({ connections: o.clients });
  try {
    const apis: string[] = [];
    for (let i = 0; i < replicas; i++) {
      progress(`${label}: starting replica ${i + 1}`);
      const port = await freePort();
      processes.push(await runCovalence(['serve', '--port', String(port), '--db', db, '--secret-key-file', join(dir, 'key'),
        '--sync-interval', '0'], /covalence is serving/));
      apis.push(`http://127.0.0.1:${port}`);
    }
    let turn = 0;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await request(`${apis[turn++ % apis.length]}${path}`, {
        method, dispatcher: agent, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
      return JSON.parse(text) as { uuid: string };
    };
    const podm = (await call('POST', '/v1/pod_managers', podManagerBody(sim.url))).uuid;

    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: o.clients }, async () => {
      while (next < o.composes) {
        const i = next++;
        progress(`${label}: compose ${i + 1}/${o.composes}`);
        times.push((await timed(() => call('POST', '/v1/nodes', { podm_id: podm, name: `b${i}`, properties: { pci_device: { type: ['NIC'] } } }))).ms);
      }
    }));
    const composeSeconds = (performance.now() - started) / 1000;
    progress(`${label}: GET /v1/devices for ${o.seconds} s`);
    const listRate = await rate(() => call('GET', '/v1/devices'), o.clients, o.seconds);
    progress('');
    return {
      backend, replicas, clients: o.clients, composes: o.composes, composesPerSecond: round(o.composes / composeSeconds),
      composeMedianMs: round(percentile(times, 50)), composeP99Ms: round(percentile(times, 99)), devices: o.devices, devicesListPerSecond: round(listRate, 0),
    };
  } finally {
    await agent.close();
    for (const p of processes) p.child.kill('SIGTERM');
    await Promise.all(processes.map((p) => p.exited));
    await sim.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function replicaTable(rows: readonly ReplicaRow[]): string {
  return markdownTable(
    ['backend', 'replicas', 'clients', 'composes/s', 'compose median ms', 'compose p99 ms', 'GET /v1/devices per s'],
    rows.map((r) => [r.backend, r.replicas, r.clients, r.composesPerSecond, r.composeMedianMs, r.composeP99Ms, r.devicesListPerSecond]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const rows = await benchReplicas();
  process.stdout.write(`Compose of a 1-NIC node and GET /v1/devices (${rows[0]!.devices} devices), ${rows[0]!.clients} clients spread over the replicas:\n\n${replicaTable(rows)}\n`);
}

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { createDatabase, type TestDatabase } from '../../support/postgres.js';
import { freePort, runCovalence, type Running } from '../../support/process.js';
import { EEM_PASSWORD, EEM_USER, http } from '../../support/stack.js';

export interface Replica {
  readonly api: string;
  readonly running: Running;
}

/**
 * A real `covalence serve` on `db`. Replicas share the key file that seals the EEM credentials;
 * the short lease lets a survivor take over a dead replica's work within seconds.
 */
export async function startReplica(db: string, keyFile: string, extra: string[] = []): Promise<Replica> {
  const port = await freePort();
  const running = await runCovalence([
    'serve', '--port', String(port), '--db', db, '--secret-key-file', keyFile, '--lease', '3', '--eem-read-timeout', '10', ...extra,
  ], /covalence is serving/);
  return { api: `http://127.0.0.1:${port}`, running };
}

/** Work the store still has open: journal entries not finished, held rows, nodes mid-operation. */
export async function openWork(db: string): Promise<{ operations: number; heldNodes: number; heldDevices: number; busyNodes: number }> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const count = async (q: string) => Number((await client.query<{ n: string }>(q)).rows[0]!.n);
    return {
      operations: await count("select count(*) as n from operations where state in ('running', 'stuck')"),
      heldNodes: await count('select count(*) as n from nodes where held_by is not null'),
      heldDevices: await count('select count(*) as n from devices where held_by is not null'),
      busyNodes: await count("select count(*) as n from nodes where state <> 'composed'"),
    };
  } finally {
    await client.end();
  }
}

/** Waits until nothing is open in the store (a survivor's recovery has run), or fails after `ms`. */
export async function settled(db: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let open = await openWork(db);
  while (Object.values(open).some((n) => n > 0)) {
    assert.ok(Date.now() < until, `work still open after ${ms} ms: ${JSON.stringify(open)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    open = await openWork(db);
  }
}

/**
 * Checked on the simulator's own state: every node owns a distinct server, every device in use is in
 * a node's group, every other server kept no group, and covalence's device list says what the fabric says.
 */
export async function assertFabricAgrees(sim: EemSim, api: string, podm: string): Promise<Array<{ uuid: string; index: string }>> {
  assert.equal((await http(`${api}/v1/devices/sync`, 'POST', { podm_id: podm })).status, 200);
  const nodes = (await http(`${api}/v1/nodes`, 'GET')).body as Array<{ uuid: string; index: string }>;
  const servers = new Set(nodes.map((n) => n.index));
  assert.equal(servers.size, nodes.length, 'every node owns a distinct server');
  const groupsOfNodes = new Set(nodes.map((n) => sim.fabric.get(n.index)!.group_id).filter((g) => g !== '4094'));
  for (const d of sim.fabric.list({ status: 'eeio' })) {
    if (d.group_id !== '4093') assert.ok(groupsOfNodes.has(d.group_id), `device ${d.id} is in group ${d.group_id}, which no node owns`);
  }
  for (const s of sim.fabric.list({ status: 'eesv' })) {
    if (!servers.has(s.id)) assert.equal(s.group_id, '4094', `server ${s.id} is no node but kept group ${s.group_id}`);
  }
  for (const d of (await http(`${api}/v1/devices`, 'GET')).body as Array<{ resource_uri: string; pooled_group_id: string }>) {
    assert.equal(d.pooled_group_id, sim.fabric.get(d.resource_uri.replace('devices/', ''))!.group_id, d.resource_uri);
  }
  return nodes;
}

/** What a replica test works on: a simulator, a database of its own, a directory for the shared key, the replicas it started. */
export interface ReplicaWorld {
  readonly sim: EemSim;
  readonly database: TestDatabase;
  readonly dir: string;
  readonly replicas: Replica[];
}

/**
 * Sets up a replica test file's world before its tests and tears it down after them: replicas are
 * SIGKILLed, the simulator closed, the database dropped. Read its fields inside a test.
 */
export function replicaWorld(topology: { servers: number; devices: number; seed: number }, prefix: string): ReplicaWorld {
  const world = { replicas: [] as Replica[] } as { -readonly [K in keyof ReplicaWorld]: ReplicaWorld[K] };
  before(async () => {
    world.sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: topology } });
    world.database = await createDatabase();
    world.dir = mkdtempSync(join(tmpdir(), prefix));
  });
  after(async () => {
    for (const r of world.replicas) r.running.child.kill('SIGKILL');
    await Promise.all(world.replicas.map((r) => r.running.exited));
    await world.sim.close();
    await world.database.drop();
    rmSync(world.dir, { recursive: true, force: true });
  });
  return world;
}

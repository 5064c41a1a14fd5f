import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { openStore, type Db, type Store } from '../../src/store/database.js';
import { insertDevices } from '../../src/store/devices.js';
import { insertPodManager } from '../../src/store/pod-managers.js';
import { upsertServers } from '../../src/store/servers.js';
import { createDatabase } from '../../support/postgres.js';

/** Every store test body runs once per backend. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface TestStore {
  readonly store: Store;
  /** The URL it was opened with, to open a second store (another process's view) on it. */
  readonly url: string;
  close(): Promise<void>;
}

/** A fresh, migrated store: SQLite in a temp dir, or a new database on the test PostgreSQL. */
export async function openTestStore(backend: Backend, poolSize?: number): Promise<TestStore> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'covalence-store-'));
    const url = `sqlite:${join(dir, 'c.sqlite')}`;
    const store = await openStore(url);
    return { store, url, close: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const database = await createDatabase();
  const store = await openStore(database.url, { poolSize });
  return { store, url: database.url, close: async () => { await store.close(); await database.drop(); } };
}

/**
 * A fresh store and a second view of it as another process would have it (a second pool on
 * PostgreSQL; the same store on SQLite, which belongs to one process), opened before the suite's
 * tests and closed after them.
 */
export function twoProcesses(backend: Backend): { readonly t: TestStore; readonly other: Store } {
  const views = {} as { t: TestStore; other: Store };
  before(async () => {
    views.t = await openTestStore(backend);
    views.other = views.t.store.singleWriter ? views.t.store : await openStore(views.t.url);
  });
  after(async () => {
    if (views.other !== views.t.store) await views.other.close();
    await views.t.close();
  });
  return views;
}

const AT = '2024-01-01T00:00:00.000Z';

/** A pod manager with `servers` free 40G servers (s00…) and `devices` free 40G NICs (d00…); returns its uuid. */
export async function seedPool(db: Db, servers: number, devices: number): Promise<string> {
  const podm = randomUUID();
  await insertPodManager(db, {
    uuid: podm, name: `p-${podm.slice(0, 8)}`, url: `http://eem/${podm}`, driver: 'expether', username: 'u', password_sealed: 'x',
    status: 'Online', status_detail: null, description: null, location: null, last_sync_at: null, insecure: 0, created_at: AT, updated_at: AT,
  });
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(2, '0')}`;
  await upsertServers(db, Array.from({ length: servers }, (_, i) => ({
    podm_id: podm, eem_id: id('s', i), group_id: '4094', generation: '40g', mac_address: 'm', power_on: 1 as const, enabled: 1 as const,
    max_devices: 4, model: 'm', serial_number: 's', host_model: 'h', host_serial_number: 'h', fabric_version: '1', removed_at: null, created_at: AT, updated_at: AT,
  })));
  await insertDevices(db, Array.from({ length: devices }, (_, i) => freeNic(podm, id('d', i))));
  return podm;
}

/** A free 40G NIC of pod manager `podm`, as the store has it. */
export function freeNic(podm: string, eemId: string) {
  return {
    uuid: randomUUID(), podm_id: podm, eem_id: eemId, type: 'NIC' as const, state: 'free' as const, node_id: null, pooled_group_id: '4093',
    generation: '40g', mac_address: 'm', pcie_vendor_id: null, pcie_device_id: null, pcie_class_code: null, vendor_name: null, device_name: null,
    fabric_version: '1', held_by: null, revision: 1, removed_at: null, created_at: AT, updated_at: AT,
  };
}

/** A node row reserving `server` for operation `op`. */
export function nodeRow(podm: string, server: string, op: string) {
  return {
    uuid: randomUUID(), name: `n-${server}`, description: '', podm_id: podm, node_index: server, state: 'composing' as const,
    owned_group_id: null, flavor_id: null, managed_by: null, ironic_uuid: null, registration_digest: null, project_id: 'default',
    held_by: op, created_at: AT, updated_at: AT,
  };
}

/**
 * Lets `parties` transactions all reach one point before any goes on, so their reads and writes
 * overlap. Where the store runs one transaction at a time there is nothing to overlap: it never waits.
 */
export function barrier(store: Store, parties: number): () => Promise<void> {
  if (store.singleWriter) return async () => undefined;
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived >= parties) open();
    return opened;
  };
}

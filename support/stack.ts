import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVE_DEFAULTS, type ServeConfig } from '../src/config.js';
import { startService, type Service } from '../src/service.js';
import type { AuthMode } from '../src/shared/vocabulary.js';
import { startEemSim, type EemSim, type TopologySpec } from '../src/sim/eem/index.js';
import { testLogger } from './log.js';
import { stackDatabase } from './postgres.js';

export const EEM_USER = 'eem-admin';
export const EEM_PASSWORD = 'eem-Secret-0451';

export interface Stack {
  readonly api: string;
  readonly sim: EemSim;
  readonly service: Service;
  readonly dataDir: string;
  /** The store's URL, for the commands that work on it directly (`covalence token`, `secrets`). */
  readonly dbUrl: string;
  /** JSON over real HTTP to covalence. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** JSON over real HTTP to the simulator's control API. */
  simControl(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Registers the simulator as a pod manager and returns its uuid. */
  addPodManager(name?: string): Promise<string>;
  /**
   * A clean pool for the next test: the simulator's faults cleared, every node decomposed, the
   * fabric as it started, and a sync (`headers`: the caller's, where the API asks for one).
   */
  fresh(headers?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  text: string;
}

export interface StackOptions {
  topology?: TopologySpec;
  config?: Partial<ServeConfig>;
  /** Reuse a data directory (a restart). */
  dataDir?: string;
  /** `--auth`: noauth (every caller an admin of project "default") unless given. */
  auth?: AuthMode;
}

/**
 * covalence (real server on a free port) and an EEM simulator, on loopback. The store is SQLite in a
 * temp dir, or with `COVALENCE_TEST_DB=postgres` a database of its own on the test PostgreSQL.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: opts.topology ?? { named: 'valence-fixtures' } });
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'covalence-test-'));
  const database = await stackDatabase(dataDir);
  const service = await startService({
    ...SERVE_DEFAULTS,
    port: 0,
    db: database.url,
    secretKeyFile: join(dataDir, 'secret.key'),
    dataDir,
    syncInterval: 0,
    eemProbeInterval: 0,
    eemConnectTimeout: 2,
    eemReadTimeout: 2,
    ...(opts.auth && { auth: opts.auth }),
    ...opts.config,
  }, testLogger());
  const auth = `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}`;
  const stack: Stack = {
    api: service.url,
    sim,
    service,
    dataDir,
    dbUrl: database.url,
    call: (method, path, body, headers) => http(`${service.url}${path}`, method, body, headers),
    simControl: (method, path, body) => http(`${sim.origin}${path}`, method, body, { authorization: auth }),
    async addPodManager(name = 'podm1') {
      const r = await stack.call('POST', '/v1/pod_managers', podManagerBody(sim.url, name));
      if (r.status !== 200) throw new Error(`pod manager creation failed: ${r.status} ${r.text}`);
      return r.body.uuid as string;
    },
    async fresh(headers) {
      await stack.simControl('DELETE', '/_sim/faults');
      for (const n of (await stack.call('GET', '/v1/nodes', undefined, headers)).body as Array<{ uuid: string }>) await stack.call('DELETE', `/v1/nodes/${n.uuid}`, undefined, headers);
      await stack.simControl('POST', '/_sim/reset');
      const synced = await stack.call('POST', '/v1/devices/sync', undefined, headers);
      if (synced.status !== 200) throw new Error(`sync after a reset failed: ${synced.status} ${synced.text}`);
    },
    async close() {
      await service.close();
      await sim.close();
      if (!opts.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        await database.drop();
      }
    },
  };
  return stack;
}

export function podManagerBody(url: string, name = 'podm1', password = EEM_PASSWORD) {
  return { url, name, driver: 'expether', authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password } }] };
}

export async function http(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

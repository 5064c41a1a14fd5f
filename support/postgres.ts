import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

let server: Promise<string> | undefined;

/** Runs scripts/postgres.sh for the server on `port` (55432 unless given); returns its DATABASE_URL. */
async function script(command: 'start' | 'stop' | 'restart', port?: number): Promise<string> {
  const env = port === undefined ? process.env : { ...process.env, COVALENCE_PG_PORT: String(port) };
  const { stdout } = await promisify(execFile)('bash', ['scripts/postgres.sh', command], { env, timeout: 600_000 });
  return /^DATABASE_URL=(.+)$/m.exec(stdout)?.[1] ?? '';
}

/**
 * The throwaway PostgreSQL of scripts/postgres.sh (started on first use, shared by every test file),
 * as the URL of a database its role owns.
 */
export function postgresUrl(): Promise<string> {
  server ??= script('start').then((url) => {
    if (!url) throw new Error('scripts/postgres.sh printed no DATABASE_URL');
    return url;
  });
  return server;
}

/** A server of one test's own on `port`, to restart and stop without disturbing the shared one. */
export async function ownPostgres(port: number) {
  const url = await script('start', port);
  return {
    url,
    /** A fast shutdown and a start: what a database restart or failover looks like to covalence. */
    restart: () => script('restart', port),
    stop: () => script('stop', port),
    start: () => script('start', port),
  };
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server (or the one `admin` reaches); `drop` removes it even if still connected. */
export async function createDatabase(admin?: string): Promise<TestDatabase> {
  admin ??= await postgresUrl();
  const name = `covalence_test_${randomBytes(6).toString('hex')}`;
  await onServer(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * One statement on the server, with time limits on each step: a suite's teardown once waited on a
 * DROP DATABASE's connection for good (no socket left, the promise never settled). A step that
 * fails is tried again on a new connection after a pause (a DROP … WITH (FORCE) cannot end an
 * autovacuum worker's session, where a server runs one); an end that does not come is not waited for.
 */
async function onServer(url: string, statement: string, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 60_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(statement);
      return;
    } catch (err) {
      if (attempt >= attempts) throw err;
    } finally {
      await Promise.race([client.end().catch(() => undefined), sleep(2_000, undefined, { ref: false })]);
    }
    await sleep(250 * 2 ** attempt);
  }
}

/** Which database the suite runs on: `COVALENCE_TEST_DB=postgres` for PostgreSQL, SQLite otherwise. */
export const testBackend = (): 'sqlite' | 'postgres' => (process.env.COVALENCE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

/**
 * The database of a test stack whose state lives in `dataDir`: a SQLite file there, or a new
 * PostgreSQL database whose URL is kept there, so a restart on the same directory finds it again.
 */
export async function stackDatabase(dataDir: string): Promise<TestDatabase> {
  if (testBackend() === 'sqlite') return { url: `sqlite:${join(dataDir, 'covalence.sqlite')}`, drop: async () => undefined };
  const kept = join(dataDir, 'database-url');
  if (existsSync(kept)) return { url: readFileSync(kept, 'utf8'), drop: async () => undefined };
  const database = await createDatabase();
  writeFileSync(kept, database.url);
  return database;
}

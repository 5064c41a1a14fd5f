import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

let server: Promise<string> | undefined;

/**
 * The throwaway PostgreSQL of scripts/postgres.sh (started on first use, shared by every test file),
 * as the URL of a database its role owns.
 */
export function postgresUrl(): Promise<string> {
  server ??= promisify(execFile)('bash', ['scripts/postgres.sh', 'start'], { timeout: 600_000 }).then(({ stdout }) => {
    const url = /^DATABASE_URL=(.+)$/m.exec(stdout)?.[1];
    if (!url) throw new Error(`scripts/postgres.sh printed no DATABASE_URL: ${stdout}`);
    return url;
  });
  return server;
}

/** Restarts the server (a fast shutdown, then start): what a database failover looks like to covalence. */
export async function restartPostgres(): Promise<void> {
  await postgresUrl();
  await promisify(execFile)('bash', ['scripts/postgres.sh', 'restart'], { timeout: 120_000 });
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, for one stack; `drop` removes it even if still connected. */
export async function createDatabase(): Promise<TestDatabase> {
  const admin = await postgresUrl();
  const name = `covalence_test_${randomBytes(6).toString('hex')}`;
  await onServer(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => onServer(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
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

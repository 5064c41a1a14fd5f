import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { LATEST_MIGRATION, migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** What core may rely on, whatever the backend (capabilities, not dialect tests). */
export interface Store {
  readonly db: Db;
  readonly backend: 'sqlite';
  /**
   * One process owns the database (SQLite): a journal entry held by another process id is from a
   * process that died, and can be recovered at once instead of after its lease.
   */
  readonly singleWriter: boolean;
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** The name of the newest migration applied, for readiness checks. */
  migrationLevel(): Promise<string | undefined>;
  close(): Promise<void>;
}

export class StoreUrlError extends Error {}

/** A unique constraint refused the write (SQLite or PostgreSQL): someone else has that name or slot. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** `sqlite:PATH`, `sqlite::memory:`; PostgreSQL joins here as a second backend. */
export async function openStore(url: string): Promise<Store> {
  const m = /^sqlite:(.+)$/.exec(url);
  if (!m) throw new StoreUrlError(`unsupported database URL '${url}': expected sqlite:PATH`);
  const path = m[1]!;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return {
    db,
    backend: 'sqlite',
    singleWriter: true,
    transaction: (work) => db.transaction().execute(work),
    migrationLevel: () => migrationLevel(db),
    close: () => db.destroy(),
  };
}

async function migrate(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

async function migrationLevel(db: Db): Promise<string | undefined> {
  const done = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  const applied = done.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  return applied.includes(LATEST_MIGRATION) ? LATEST_MIGRATION : applied.at(-1);
}

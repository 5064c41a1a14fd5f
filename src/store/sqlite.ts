import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from './database.js';
import { migrate, migrationLevel } from './migrate.js';
import type { Database } from './schema.js';

/**
 * SQLite in one process: a single connection, which Kysely hands to one transaction at a time, so
 * a transaction has the database to itself and needs no row locks.
 */
export async function openSqlite(path: string): Promise<Store> {
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
    rowLocks: false,
    transaction: (work) => db.transaction().execute(work),
    migrationLevel: () => migrationLevel(db),
    close: () => db.destroy(),
  };
}

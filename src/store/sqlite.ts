import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import { StoreUnavailableError } from './errors.js';
import { withEvents } from './events.js';
import { migrate, migrationLevel } from './migrate.js';
import type { Database } from './schema.js';
import { takeServeLock } from './serve-lock.js';
import { keepingStatements } from './sqlite-statements.js';
import type { Store } from './store.js';

/** How long a write waits for another process's (a CLI command's) transaction before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite in one serving process: a single connection, which Kysely hands to one transaction at a
 * time, so a transaction has the database to itself and needs no row locks. Short-lived commands
 * of other processes may write beside it; `serve` makes this the one server of the file.
 */
export async function openSqlite(path: string, serve: boolean): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const unlock = serve && path !== ':memory:' ? takeServeLock(path) : () => undefined;
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma(`cache_size = ${WRITE_CACHE_KIB}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: keepingStatements(sqlite) }) });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    unlock();
    throw err;
  }
  const reads = path === ':memory:' ? db : readOnly(path);
  return {
    db,
    reads,
    backend: 'sqlite',
    singleWriter: true,
    rowLocks: false,
    transaction: async (work) => {
      try {
        return await db.transaction().execute(withEvents(work));
      } catch (err) {
        // Another process held the write lock past the busy timeout: nothing was written, try later.
        if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new StoreUnavailableError(`database ${path} is busy: ${(err as Error).message}`);
        throw err;
      }
    },
    migrationLevel: () => migrationLevel(db),
    close: async () => {
      if (reads !== db) await reads.destroy();
      await db.destroy();
      unlock();
    },
  };
}

/**
 * Page caches, in KiB. better-sqlite3 builds SQLite with 16 MiB per connection, and at 10,000
 * devices the two grew to 20 MiB of the server's memory for pages the OS caches anyway. The read
 * connection serves listings, which are built once per pool revision and then sent from memory:
 * SQLite's stock 2 MiB. The writer's 4 MiB hold the indexes a sync of 10,000 new devices inserts
 * into at random; with 2 MiB that sync took 10% longer, with 4 MiB as long as with 16 (`npm run bench`).
 */
const WRITE_CACHE_KIB = -4000;
const READ_CACHE_KIB = -2000;

/** A second connection for reads, which under WAL see the last commit without waiting for a writer. */
function readOnly(path: string): Kysely<Database> {
  const sqlite = new SQLite(path, { readonly: true });
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  sqlite.pragma(`cache_size = ${READ_CACHE_KIB}`);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
}

/**
 * Kysely's SQLite driver begins transactions DEFERRED: one that reads and then writes while
 * another process committed meanwhile fails at once with SQLITE_BUSY, since the busy timeout
 * cannot help a reader that must upgrade. BEGIN IMMEDIATE takes the write lock first, waiting
 * for it under the busy timeout, so a CLI command's write beside the server only delays it.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new ImmediateTransactions(super.createDriver());
  }
}

class ImmediateTransactions implements Driver {
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

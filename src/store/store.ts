import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** What core may rely on, whatever the backend (capabilities, not dialect tests). */
export interface Store {
  readonly db: Db;
  /**
   * Reads that need not wait for a transaction in progress (the API's listings and shows): on
   * SQLite a second, read-only connection, which WAL lets read the last commit beside a writer; on
   * PostgreSQL the same pool as `db`. Never for a read a write depends on.
   */
  readonly reads: Db;
  readonly backend: 'sqlite' | 'postgres';
  /**
   * One process owns the database (SQLite): a journal entry held by another process id is from a
   * process that died, and can be recovered at once instead of after its lease.
   */
  readonly singleWriter: boolean;
  /**
   * Other processes write at the same time (PostgreSQL), so a reservation's reads lock the rows
   * they pick (see row-locks.ts). False where a transaction has the database to itself.
   */
  readonly rowLocks: boolean;
  /**
   * Runs `work` in one transaction. Where writers are concurrent, a transaction the database aborts
   * to break a deadlock is run again: `work` must do nothing but database work.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** The name of the newest migration applied, for readiness checks. */
  migrationLevel(): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL: connections this process keeps at most. */
  poolSize?: number;
  /**
   * This process is the server of the database. SQLite is served by one process (see
   * `singleWriter`): a second server on the same file is refused; short-lived commands
   * (tokens, key rotation) open it without this and wait for the server's writes.
   */
  serve?: boolean;
}

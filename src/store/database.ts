import type { Kysely } from 'kysely';
import { StoreUrlError } from './errors.js';
import { openPostgres } from './postgres.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

export { isUniqueViolation, StoreUnavailableError, StoreUrlError } from './errors.js';

export type Db = Kysely<Database>;

/** What core may rely on, whatever the backend (capabilities, not dialect tests). */
export interface Store {
  readonly db: Db;
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
}

export const DEFAULT_POOL_SIZE = 10;

/** `sqlite:PATH`, `sqlite::memory:` or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`; migrated to the latest schema. */
export function openStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return openSqlite(url.slice('sqlite:'.length));
  if (/^postgres(ql)?:\/\/./.test(url)) return openPostgres(url, opts.poolSize ?? DEFAULT_POOL_SIZE);
  return Promise.reject(new StoreUrlError(`unsupported database URL '${redactUrl(url)}': expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE`));
}

/** The URL with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

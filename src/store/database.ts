import { StoreUrlError } from './errors.js';
import { openSqlite } from './sqlite.js';
import type { Store, StoreOptions } from './store.js';

export { isUniqueViolation, StoreInUseError, StoreUnavailableError, StoreUrlError } from './errors.js';
export type { Db, Store, StoreOptions } from './store.js';

export const DEFAULT_POOL_SIZE = 10;

/** `sqlite:PATH`, `sqlite::memory:` or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`; migrated to the latest schema. */
export function openStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:') && url.length > 'sqlite:'.length) return openSqlite(url.slice('sqlite:'.length), opts.serve ?? false);
  // Loaded only for PostgreSQL: its client is 3 MB of heap a SQLite server would carry for nothing.
  if (/^postgres(ql)?:\/\/./.test(url)) return import('./postgres.js').then(({ openPostgres }) => openPostgres(url, opts.poolSize ?? DEFAULT_POOL_SIZE));
  return Promise.reject(new StoreUrlError(`unsupported database URL '${redactUrl(url)}': expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE`));
}

/** The URL with its password hidden, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

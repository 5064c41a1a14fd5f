import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { SERVE_DEFAULTS } from '../config.js';
import { Audit, type AuditEntry } from '../core/index.js';
import { openStore, type Store } from '../store/database.js';

/**
 * Commands that work on covalence's database directly, on its host (`covalence token`, `covalence
 * secrets`): whoever may read the database and the key file is trusted already. Each change is
 * written to the audit trail as made by the local user.
 */
export function withDbOption(cmd: Command): Command {
  return cmd.addOption(new Option('--db <url>', 'database: sqlite:PATH or postgres://… (as for serve)').env('COVALENCE_DB_URL').default(SERVE_DEFAULTS.db));
}

export async function withStore<T>(url: string, work: (store: Store, audit: (entry: Omit<AuditEntry, 'actor' | 'requestId' | 'status'>) => Promise<void>) => Promise<T>): Promise<T> {
  refuseMissingSqlite(url);
  const store = await openStore(url);
  const trail = new Audit(store.db);
  const name = userInfo().username;
  try {
    return await work(store, (entry) => trail.record({ ...entry, actor: { userId: `local:${name}`, userName: name }, requestId: randomUUID(), status: null }));
  } finally {
    await store.close();
  }
}

/**
 * Opening a SQLite path creates the file: a mistyped or relative --db would quietly get a new, empty
 * database, and a token made there would work nowhere. These commands work on the server's own.
 */
function refuseMissingSqlite(url: string): void {
  const path = /^sqlite:(.+)$/.exec(url)?.[1];
  if (path === undefined || path === ':memory:' || existsSync(path)) return;
  throw new Error(`no covalence database at ${resolve(path)} (--db ${url}); give the --db that covalence serve uses`
    + `${path === resolve(path) ? '' : ', relative paths are taken from the current directory'}`);
}

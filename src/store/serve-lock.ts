import { readFileSync, writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { StoreInUseError } from './errors.js';

/**
 * Makes this process the one server of a SQLite database. SQLite's own locks cannot say this: they
 * guard each transaction, not the process that recovers journalled work as its own. The lock is an
 * exclusive lock SQLite holds on a file beside the database for as long as this process keeps it
 * open: the kernel gives it up when the process ends, however it ends, so there is no stale lock to
 * take over and no window in which two starting servers both think they hold it. The holder's pid
 * is written beside it, only to name it to whoever is refused.
 */
export function takeServeLock(dbPath: string): () => void {
  const path = `${dbPath}.serve-lock`;
  const lock = new SQLite(path, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock, and in this mode it is kept after the commit.
    lock.exec('begin exclusive; create table if not exists server (pid integer); delete from server; commit');
  } catch (err) {
    lock.close();
    if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
    const holder = holderOf(path);
    throw new StoreInUseError(
      `database ${dbPath} is already served by ${holder === null ? 'another covalence process' : `covalence process ${holder}`}; SQLite is served by one process. ` +
        'Stop that server first, or use PostgreSQL (--db postgres://…) to run several replicas.',
    );
  }
  writeFileSync(`${path}.pid`, String(process.pid));
  return () => lock.close();
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(`${path}.pid`, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

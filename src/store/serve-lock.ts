import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { StoreInUseError } from './errors.js';

/**
 * A file beside a SQLite database naming the process that serves it. SQLite's own locks cannot say
 * this: they guard each transaction, not the process that recovers journalled work as its own.
 * A lock left by a process that died (no such pid) is taken over.
 */
export function takeServeLock(dbPath: string): () => void {
  const path = `${dbPath}.serve-lock`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (holderOf(path) === process.pid) unlinkSync(path);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = holderOf(path);
    if (holder !== null && holder !== process.pid && alive(holder)) {
      throw new StoreInUseError(
        `database ${dbPath} is already served by covalence process ${holder}; SQLite is served by one process. ` +
          'Stop that server first, or use PostgreSQL (--db postgres://…) to run several replicas.',
      );
    }
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import type { SelectQueryBuilder } from 'kysely';

/**
 * How a read inside a reservation holds the rows it returns until the transaction ends, on a store
 * with concurrent writers (`Store.rowLocks`): `skip` passes over rows another reservation holds, so
 * concurrent composes pick different servers and devices instead of queueing; `wait` queues behind
 * it, so rules are checked on the row as the other one left it. Undefined: a plain read (SQLite,
 * whose transactions run one at a time; dry runs).
 */
export type RowLock = 'skip' | 'wait' | undefined;

/** `FOR UPDATE [OF table] [SKIP LOCKED]`, or the query unchanged. */
export function locked<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>, lock: RowLock, of?: TB & string,
): SelectQueryBuilder<DB, TB, O> {
  if (lock === undefined) return query;
  const forUpdate = query.forUpdate(of);
  return lock === 'skip' ? forUpdate.skipLocked() : forUpdate;
}

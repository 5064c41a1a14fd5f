/** The database URL is not one covalence can open. */
export class StoreUrlError extends Error {}

/**
 * The database could not be reached, or dropped the connection (a restart, a failover): the work
 * was not done, and the same request can succeed once the database is back.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** A unique constraint refused the write (SQLite or PostgreSQL): someone else has that name or slot. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** Another covalence process serves this SQLite database. */
export class StoreInUseError extends Error {
  override readonly name = 'StoreInUseError';
}

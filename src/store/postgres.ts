import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Store } from './store.js';
import { StoreUnavailableError } from './errors.js';
import { withEvents } from './events.js';
import { migrate, migrationLevel } from './migrate.js';
import type { Database } from './schema.js';

/** A transaction the database aborted to break a deadlock or a serialization conflict is run again, this often. */
const CONFLICT_ATTEMPTS = 5;

/**
 * PostgreSQL, shared by any number of covalence processes: reservations lock the rows they pick,
 * journal entries are recovered only once their lease has run out, and a lost connection is a
 * `StoreUnavailableError` (503) until the pool reconnects by itself.
 */
export async function openPostgres(url: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // While the database is down a request answers 503 at once; a wait for a busy pool is bounded.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'covalence',
  });
  // A connection the server closed (restart, failover) is dropped by the pool, and the next query
  // opens a new one; without these listeners its 'error' event would end the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: typedFailures(pool) }) });
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return {
    db,
    reads: db,
    backend: 'postgres',
    singleWriter: false,
    rowLocks: true,
    transaction: (work) => retryConflicts(() => db.transaction().execute(withEvents(work))),
    migrationLevel: () => migrationLevel(db),
    close: () => db.destroy(),
  };
}

/**
 * The pool as Kysely sees it, with connection failures turned into `StoreUnavailableError`. A
 * connection that failed so is closed on release, not pooled: the server may have sent its goodbye
 * (57P01) before closing the socket, and the next query on it would fail too.
 */
function typedFailures(pool: pg.Pool): PostgresPool {
  const unavailable = (err: unknown) => new StoreUnavailableError(`the database is unavailable (${(err as Error).message})`, { cause: err });
  return {
    async connect() {
      const client = await pool.connect().catch((err: unknown) => {
        throw isConnectionFailure(err) ? unavailable(err) : err;
      });
      let broken = false;
      // Only the (sql, parameters) form: Kysely asks for a cursor only when one is configured.
      const query = (sql: string, parameters: readonly unknown[]) => client.query(sql, parameters as unknown[]).catch((err: unknown) => {
        if (!isConnectionFailure(err)) throw err;
        broken = true;
        throw unavailable(err);
      });
      return { query: query as unknown as PostgresPoolClient['query'], release: (destroy?: boolean) => client.release(destroy || broken) };
    },
    end: () => pool.end(),
  };
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down), too_many_connections.
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** The database went away or cannot be reached; the statement did not run (or its outcome is unknown). */
export function isConnectionFailure(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE_CODES.has(code) || code.startsWith('08'))) return true;
  // pg reports a dropped connection, and a pool wait that ran out, without a code.
  return typeof message === 'string' && /Connection terminated|not queryable|timeout exceeded when trying to connect/.test(message);
}

/** PostgreSQL aborted the transaction to break a deadlock (40P01) or a serialization conflict (40001). */
function isConflict(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '40P01' || code === '40001';
}

async function retryConflicts<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isConflict(err) || attempt >= CONFLICT_ATTEMPTS) throw err;
      await sleep(Math.random() * 20 * attempt); // apart, so the same two do not collide again
    }
  }
}

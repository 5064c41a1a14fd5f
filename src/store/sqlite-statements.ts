import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Statements kept per connection: the queries a sync or a request runs between two uses of one.
 * Few, because a statement costs memory as its SQL grows: a 200-row insert holds some 0.4 MB.
 */
const KEPT = 32;

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles a statement at each prepare: a
 * sync writing 10,000 new devices and their events ran the same 200-row insert a hundred times,
 * compiling it each time (most of a millisecond apiece). Compiled statements are kept by their SQL,
 * the most recently used up to a bound. One connection runs one query at a time (Kysely's mutex),
 * so a kept statement is never in use twice at once.
 */
export function keepingStatements(db: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = kept.get(sql);
      if (statement) {
        kept.delete(sql); // re-inserted below, as the most recently used
      } else {
        statement = db.prepare(sql);
        if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement);
      return statement;
    },
  };
}

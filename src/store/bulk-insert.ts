import { CompiledQuery, type Insertable } from 'kysely';
import type { Database } from './schema.js';
import type { Db } from './store.js';

/** Rows per statement: at 25 columns, 6,400 parameters, well under SQLite's and PostgreSQL's bounds. */
const ROWS_PER_STATEMENT = 256;

/** SQL by dialect, then by table, columns and row count. */
const built = new WeakMap<object, Map<string, string>>();

/**
 * Inserts rows of one shape (the first row's columns) in multi-row statements. Kysely builds each
 * statement's SQL once per table, columns and row count; the rows are bound as they are. Building
 * a 200-row insert through the query builder every time cost more than SQLite took to run it: a
 * sync writing 10,000 devices and their events allocated 60 MB building the same statements.
 */
export async function insertRows<T extends keyof Database & string>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!) as (keyof Insertable<Database[T]> & string)[];
  let i = 0;
  for (const n of statementSizes(rows.length)) {
    const slice = rows.slice(i, i += n);
    const parameters: unknown[] = [];
    for (const row of slice) for (const column of columns) parameters.push(row[column] ?? null);
    await db.executeQuery(CompiledQuery.raw(insertSql(db, table, columns, slice.length), parameters));
  }
}

/**
 * Rows per statement for `count` rows: full statements, then the rest in powers of two. A table gets
 * at most nine shapes of insert, so the statements SQLite keeps compiled (a 256-row one holds half a
 * megabyte) are reused, instead of one more for every count a sync happens to write.
 */
export function statementSizes(count: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= sizes.at(-1)!) sizes.push(Math.min(ROWS_PER_STATEMENT, 2 ** Math.floor(Math.log2(left))));
  return sizes;
}

function insertSql(db: Db, table: keyof Database & string, columns: readonly string[], rows: number): string {
  const adapter = db.getExecutor().adapter;
  let byShape = built.get(adapter);
  if (!byShape) built.set(adapter, byShape = new Map());
  const key = `${table}(${columns.join(',')})×${rows}`;
  let sql = byShape.get(key);
  if (sql === undefined) {
    // Any value stands for a parameter: the builder makes one placeholder per value.
    const row = Object.fromEntries(columns.map((c) => [c, 0]));
    sql = db.insertInto(table).values(Array.from({ length: rows }, () => row) as never).compile().sql;
    byShape.set(key, sql);
  }
  return sql;
}

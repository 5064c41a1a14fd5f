import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** The tables a listing or show is built from: any write to one of them changes what the API answers. */
export const INVENTORY_TABLES = ['pod_managers', 'servers', 'devices', 'nodes', 'flavors'] as const;

/**
 * One counter for the whole inventory, advanced by triggers in the same transaction as the write, so
 * no write path can forget it and a reader sees the counter and the rows from the same commits.
 * Answers prepared once per revision rely on it (api/read-cache.ts); on PostgreSQL every replica
 * sees another's writes through it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('pool_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into pool_revision (id, revision) values (1, 1)`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
  else await sqliteTriggers(db);
}

/**
 * Statement triggers, which fire even when a statement matched no row (sync's purge of long-removed
 * devices runs every time): the transition table tells a real change from none. PostgreSQL allows a
 * transition table on one event per trigger, hence three triggers per table.
 */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function advance_pool_revision() returns trigger language plpgsql as $$
    begin
      if exists (select from changed) then update pool_revision set revision = revision + 1; end if;
      return null;
    end $$`.execute(db);
  for (const table of INVENTORY_TABLES) {
    for (const [event, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      await sql`
        create trigger ${sql.raw(`${table}_${event}_advances_pool`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(rows)} table as changed for each statement execute function advance_pool_revision()`.execute(db);
    }
  }
}

/** SQLite has row triggers only; a row's extra update of one page is cheap beside the row's own write. */
async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  for (const table of INVENTORY_TABLES) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      await sql`
        create trigger ${sql.raw(`${table}_${event}_advances_pool`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin update pool_revision set revision = revision + 1; end`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of INVENTORY_TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger ${sql.raw(`${table}_${event}_advances_pool`)}${sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? ` on ${table}` : '')}`.execute(db);
    }
  }
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function advance_pool_revision()`.execute(db);
  await db.schema.dropTable('pool_revision').execute();
}

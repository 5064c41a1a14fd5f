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
 * Deferred constraint triggers: the counter is advanced once per transaction, at its commit, so its
 * row lock is held only while a transaction commits. Advanced at the first write instead, every
 * inventory transaction would queue behind any other from its first write to its commit (a sync's
 * whole transaction, two reservations that must both make progress). Row triggers fire only for
 * rows a statement changed; a transaction-local setting keeps the update to one per transaction.
 */
async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function advance_pool_revision() returns trigger language plpgsql as $$
    begin
      if current_setting('covalence.pool_advanced', true) is distinct from txid_current()::text then
        update pool_revision set revision = revision + 1;
        perform set_config('covalence.pool_advanced', txid_current()::text, true);
      end if;
      return null;
    end $$`.execute(db);
  for (const table of INVENTORY_TABLES) {
    await sql`
      create constraint trigger ${sql.raw(`${table}_advances_pool`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function advance_pool_revision()`.execute(db);
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
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of INVENTORY_TABLES) {
    if (postgres) await sql`drop trigger ${sql.raw(`${table}_advances_pool`)} on ${sql.table(table)}`.execute(db);
    else for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`${table}_${event}_advances_pool`)}`.execute(db);
  }
  if (postgres) await sql`drop function advance_pool_revision()`.execute(db);
  await db.schema.dropTable('pool_revision').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * Events (what covalence changed or observed), with their gap-free sequence, and webhook
 * subscriptions with their dead letters. The sequence is a one-row counter updated in the writing
 * transaction, not a database sequence: the row lock makes commit order equal sequence order, so a
 * reader that has seen event N has seen every event before it (a PostgreSQL sequence hands out
 * numbers that commit out of order, or never).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'bigint', (c) => c.notNull())
    .addColumn('purged_through', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into event_counter (id, last, purged_through) values (1, 0, 0)`.execute(db);

  await db.schema
    .createTable('events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('podm_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('project_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('request_id', 'text')
    .addColumn('caller', 'text')
    .execute();
  await db.schema.createIndex('events_at').on('events').column('at').execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('podm_id', 'text')
    .addColumn('node_id', 'text')
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('delivered_seq', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('delivered', 'integer', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dead_letters')
    .addColumn('subscription_id', 'text', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('replay', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dead_letters_pk', ['subscription_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dead_letters').execute();
  await db.schema.dropTable('subscriptions').execute();
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('event_counter').execute();
}

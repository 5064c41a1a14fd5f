import type { Kysely } from 'kysely';

/**
 * Redfish composition reservations (`PreviewReserve`): a manifest's blocks held for a while, in the
 * store so that every replica sees the same holds and their expiry. One row per reserved board,
 * unique per board, so two reservations can never hold the same one. And the tasks of requests
 * answered 202 (`Prefer: respond-async`), with the answer each ended with, for its monitor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('composition_reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('reserved_blocks')
    .addColumn('reservation_id', 'text', (c) => c.notNull().references('composition_reservations.id').onDelete('cascade'))
    .addColumn('podm_id', 'text', (c) => c.notNull())
    .addColumn('eem_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reserved_blocks_pk', ['podm_id', 'eem_id'])
    .execute();
  await db.schema.createIndex('reserved_blocks_reservation').on('reserved_blocks').column('reservation_id').execute();
  await db.schema.createTable('redfish_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('redfish_tasks').execute();
  await db.schema.dropTable('reserved_blocks').execute();
  await db.schema.dropTable('composition_reservations').execute();
}

import type { Kysely } from 'kysely';

/**
 * Every operation releases its devices by holder (`where held_by = ?`) when it ends: without an
 * index that is a scan of the whole pool, inside the transaction that ends a compose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('devices_held_by').on('devices').column('held_by').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('devices_held_by').execute();
}

import type { Kysely } from 'kysely';

/**
 * Devices are looked up by holder (every operation releases its devices by it when it ends) and by
 * owner (a node's health in each sync, decompose): without these indexes each is a scan of the pool.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('devices_held_by').on('devices').column('held_by').execute();
  await db.schema.createIndex('devices_owner_node').on('devices').column('owner_node').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('devices_owner_node').execute();
  await db.schema.dropIndex('devices_held_by').execute();
}

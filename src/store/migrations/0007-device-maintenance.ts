import type { Kysely } from 'kysely';

/**
 * What operators decide about a device and the fabric does not say: it is in maintenance (never
 * composed or attached, whatever sync reads), and its type when the board reports none (10G EEIOs
 * carry no PCIe ids), kept across syncs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('maintenance', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('devices').addColumn('maintenance_reason', 'text').execute();
  await db.schema.alterTable('devices').addColumn('type_source', 'text', (c) => c.notNull().defaultTo('fabric')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('type_source').execute();
  await db.schema.alterTable('devices').dropColumn('maintenance_reason').execute();
  await db.schema.alterTable('devices').dropColumn('maintenance').execute();
}

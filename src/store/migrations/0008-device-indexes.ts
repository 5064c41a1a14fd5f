import type { Kysely } from 'kysely';

/**
 * Lookups that were scans of the whole pool: devices by holder (every operation releases its devices
 * by it when it ends), by owner (a node's health in each sync, decompose), and boards by fabric id
 * alone (whether another pod manager covers a new board, at create and in sync).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('devices_held_by').on('devices').column('held_by').execute();
  await db.schema.createIndex('devices_owner_node').on('devices').column('owner_node').execute();
  await db.schema.createIndex('devices_eem_id').on('devices').column('eem_id').execute();
  await db.schema.createIndex('servers_eem_id').on('servers').column('eem_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['servers_eem_id', 'devices_eem_id', 'devices_owner_node', 'devices_held_by']) await db.schema.dropIndex(index).execute();
}

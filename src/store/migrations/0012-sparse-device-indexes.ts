import { sql, type Kysely } from 'kysely';

/**
 * A device's holder, owner and server are null while it is free, as most of a pool is: indexes
 * with those rows left out cost nothing for a free device. A sync of 10,000 new devices updated
 * three indexes per row for entries no lookup reads. Every lookup by these columns is by a value
 * (`= ?`, `is not null`), which both databases answer from an index over the non-null rows.
 */
const SPARSE = [
  { name: 'devices_held_by', columns: ['held_by'], where: 'held_by' },
  { name: 'devices_owner_node', columns: ['owner_node'], where: 'owner_node' },
  { name: 'devices_node', columns: ['podm_id', 'node_id'], where: 'node_id' },
] as const;

/** Removed devices, which every sync looks for to purge those past the grace period (it read all of them). */
const REMOVED = { name: 'devices_removed', columns: ['podm_id', 'removed_at'], where: 'removed_at' } as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, columns, where } of SPARSE) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('devices').columns([...columns]).where(sql.ref(where), 'is not', null).execute();
  }
  await db.schema.createIndex(REMOVED.name).on('devices').columns([...REMOVED.columns]).where(sql.ref(REMOVED.where), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex(REMOVED.name).execute();
  for (const { name, columns } of SPARSE) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('devices').columns([...columns]).execute();
  }
}

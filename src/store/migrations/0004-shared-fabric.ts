import { sql, type Kysely } from 'kysely';

/**
 * The fabric is shared (ARCHITECTURE rule 7): which node made or adopted each attachment, why a
 * node is not `composed`, when a stuck operation is tried again, and a listing sync distrusts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('owner_node', 'text').execute();
  await db.schema.alterTable('nodes').addColumn('state_reason', 'text').execute();
  await db.schema.alterTable('operations').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('operations').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('pod_managers').addColumn('suspect_listing', 'text').execute();
  // Before ownership was recorded, a node's devices were those in its server's group: covalence
  // attached them (compose, attach) or adopted them (manage).
  await sql`
    update devices set owner_node = (
      select n.uuid from nodes n where n.podm_id = devices.podm_id and n.node_index = devices.node_id
    ) where node_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pod_managers').dropColumn('suspect_listing').execute();
  await db.schema.alterTable('operations').dropColumn('next_attempt_at').execute();
  await db.schema.alterTable('operations').dropColumn('attempts').execute();
  await db.schema.alterTable('nodes').dropColumn('state_reason').execute();
  await db.schema.alterTable('devices').dropColumn('owner_node').execute();
}

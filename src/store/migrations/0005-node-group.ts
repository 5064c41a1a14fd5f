import { sql, type Kysely } from 'kysely';

/**
 * The node's group, kept apart from its server's: a server moved to another group out of band
 * leaves the node `lost`, and the devices it owns are still found where covalence put them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('nodes').addColumn('group_id', 'text').execute();
  await sql`
    update nodes set group_id = coalesce(owned_group_id, (
      select s.group_id from servers s where s.podm_id = nodes.podm_id and s.eem_id = nodes.node_index and s.group_id <> '4094'
    ))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('nodes').dropColumn('group_id').execute();
}

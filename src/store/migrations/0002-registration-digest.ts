import type { Kysely } from 'kysely';

/** What a node was registered with (a digest, since the request holds BMC passwords): repeats are recognised. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('nodes').addColumn('registration_digest', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('nodes').dropColumn('registration_digest').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * Authentication, ownership and the audit trail: API tokens (hashes only), audit events, a per-pod-manager
 * TLS opt-out, and an owner for nodes made before projects existed (they were made in noauth mode, whose
 * one project is `default`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('project', 'text')
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .execute();
  await db.schema.createIndex('audit_events_newest').on('audit_events').columns(['at', 'id']).execute();

  await db.schema.alterTable('pod_managers').addColumn('insecure', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update nodes set project_id = 'default' where project_id is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('pod_managers').dropColumn('insecure').execute();
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('api_tokens').execute();
}

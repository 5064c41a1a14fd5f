import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The columns of pod_managers whose change advances the pool revision: all but `last_sync_at`.
 * A sync that found nothing changed writes only the time it ran; advanced by that, the revision
 * dropped every prepared answer at each periodic sync. The answers that show `last_sync_at` (the
 * pod managers') are prepared per revision and per sync times (api/resources/pod-managers). A column added to
 * pod_managers must be added here, in a migration that rebuilds the SQLite trigger (PostgreSQL's
 * compares the whole row but that column); a test compares this list with the table.
 */
export const REVISED_POD_MANAGER_COLUMNS = [
  'uuid', 'name', 'url', 'driver', 'username', 'password_sealed', 'insecure', 'status', 'status_detail',
  'description', 'location', 'suspect_listing', 'created_at', 'updated_at',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // 0006's trigger, for inserts and deletes only, and one for updates that change more than the sync time.
    await sql`drop trigger pod_managers_advances_pool on pod_managers`.execute(db);
    await sql`
      create constraint trigger pod_managers_advances_pool after insert or delete on pod_managers
      deferrable initially deferred for each row execute function advance_pool_revision()`.execute(db);
    await sql`
      create constraint trigger pod_managers_update_advances_pool after update on pod_managers
      deferrable initially deferred for each row
      when ((to_jsonb(old) - 'last_sync_at') is distinct from (to_jsonb(new) - 'last_sync_at'))
      execute function advance_pool_revision()`.execute(db);
  } else {
    const changed = sql.join(REVISED_POD_MANAGER_COLUMNS.map((c) => sql`old.${sql.ref(c)} is not new.${sql.ref(c)}`), sql` or `);
    await sql`drop trigger pod_managers_update_advances_pool`.execute(db);
    await sql`
      create trigger pod_managers_update_advances_pool after update on pod_managers when ${changed}
      begin update pool_revision set revision = revision + 1; end`.execute(db);
  }
}

/** Back to 0006's triggers: every write to pod_managers advances the revision. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger pod_managers_update_advances_pool on pod_managers`.execute(db);
    await sql`drop trigger pod_managers_advances_pool on pod_managers`.execute(db);
    await sql`
      create constraint trigger pod_managers_advances_pool after insert or update or delete on pod_managers
      deferrable initially deferred for each row execute function advance_pool_revision()`.execute(db);
  } else {
    await sql`drop trigger pod_managers_update_advances_pool`.execute(db);
    await sql`
      create trigger pod_managers_update_advances_pool after update on pod_managers
      begin update pool_revision set revision = revision + 1; end`.execute(db);
  }
}

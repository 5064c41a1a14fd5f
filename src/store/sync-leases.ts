import type { Db } from './store.js';

/**
 * Takes or renews the sync lease of a pod manager: an upsert that only overwrites an expired lease
 * or one the caller already holds. Works the same on SQLite and PostgreSQL.
 */
export async function acquireSyncLease(db: Db, podmId: string, holder: string, now: string, until: string): Promise<boolean> {
  const row = await db.insertInto('sync_leases').values({ podm_id: podmId, holder, lease_until: until })
    .onConflict((oc) => oc.column('podm_id')
      .doUpdateSet({ holder, lease_until: until })
      .where((eb) => eb.or([eb('sync_leases.lease_until', '<', now), eb('sync_leases.holder', '=', holder)])))
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

export async function releaseSyncLease(db: Db, podmId: string, holder: string): Promise<void> {
  await db.deleteFrom('sync_leases').where('podm_id', '=', podmId).where('holder', '=', holder).execute();
}

/** With one process per database, leases left by a previous (dead) process mean nothing. */
export async function clearSyncLeases(db: Db): Promise<void> {
  await db.deleteFrom('sync_leases').execute();
}

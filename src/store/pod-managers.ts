import type { Db } from './store.js';
import type { NewPodManager, PodManagerPatch, PodManagerRow } from './schema.js';

/** Every pod manager, or the one named `name`. */
export function listPodManagers(db: Db, name?: string): Promise<PodManagerRow[]> {
  let q = db.selectFrom('pod_managers').selectAll();
  if (name !== undefined) q = q.where('name', '=', name);
  return q.orderBy('created_at').orderBy('uuid').execute();
}

export function findPodManager(db: Db, uuid: string): Promise<PodManagerRow | undefined> {
  return db.selectFrom('pod_managers').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

/** The pod managers that already use this name or url (other than `except`). */
export function findPodManagerClashes(
  db: Db, name: string, url: string | undefined, except?: string,
): Promise<PodManagerRow[]> {
  let q = db.selectFrom('pod_managers').selectAll()
    .where((eb) => (url === undefined ? eb('name', '=', name) : eb.or([eb('name', '=', name), eb('url', '=', url)])));
  if (except) q = q.where('uuid', '!=', except);
  return q.execute();
}

export async function insertPodManager(db: Db, row: NewPodManager): Promise<void> {
  await db.insertInto('pod_managers').values(row).execute();
}

export async function updatePodManager(db: Db, uuid: string, patch: PodManagerPatch): Promise<void> {
  await db.updateTable('pod_managers').set(patch).where('uuid', '=', uuid).execute();
}

/** Removes the pod manager with its pool (servers and devices cascade). */
export async function deletePodManager(db: Db, uuid: string): Promise<void> {
  await db.deleteFrom('sync_leases').where('podm_id', '=', uuid).execute();
  await db.deleteFrom('operations').where('podm_id', '=', uuid).where('state', 'in', ['done', 'failed']).execute();
  await db.deleteFrom('pod_managers').where('uuid', '=', uuid).execute();
}

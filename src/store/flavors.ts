import type { Db } from './store.js';
import type { FlavorRow, NewFlavor } from './schema.js';

/** Every flavor, or those named `name` (names are not unique). */
export function listFlavors(db: Db, name?: string): Promise<FlavorRow[]> {
  let q = db.selectFrom('flavors').selectAll();
  if (name !== undefined) q = q.where('name', '=', name);
  return q.orderBy('created_at').orderBy('uuid').execute();
}

export function findFlavor(db: Db, uuid: string): Promise<FlavorRow | undefined> {
  return db.selectFrom('flavors').selectAll().where('uuid', '=', uuid).executeTakeFirst();
}

export async function insertFlavor(db: Db, row: NewFlavor): Promise<void> {
  await db.insertInto('flavors').values(row).execute();
}

export async function updateFlavor(
  db: Db, uuid: string, patch: Partial<Pick<FlavorRow, 'name' | 'description' | 'properties' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('flavors').set(patch).where('uuid', '=', uuid).execute();
}

export async function deleteFlavor(db: Db, uuid: string): Promise<boolean> {
  const r = await db.deleteFrom('flavors').where('uuid', '=', uuid).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

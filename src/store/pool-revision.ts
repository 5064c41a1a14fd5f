import type { Db } from './store.js';

/** The inventory's revision (see migrations/0006-pool-revision.ts). */
export async function readPoolRevision(db: Db): Promise<number> {
  const row = await db.selectFrom('pool_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
}

import type { OperationState } from '../shared/vocabulary.js';
import type { Db } from './store.js';
import type { OperationRow, OperationTable } from './schema.js';
import type { Insertable } from 'kysely';

export async function insertOperation(db: Db, row: Insertable<OperationTable>): Promise<void> {
  await db.insertInto('operations').values(row).execute();
}

export async function updateOperation(
  db: Db, id: string, patch: { state?: OperationState; plan?: string; error?: string | null; lease_until?: string; holder?: string; updated_at: string },
): Promise<void> {
  await db.updateTable('operations').set(patch).where('id', '=', id).execute();
}

/**
 * Unfinished operations that nobody is working on: their holder is gone (`deadHolder`, when the
 * backend knows it) or their lease ran out.
 */
export function orphanedOperations(db: Db, now: string, liveHolder: string, singleWriter: boolean): Promise<OperationRow[]> {
  return db.selectFrom('operations').selectAll()
    .where('state', 'in', ['running', 'stuck'])
    .where((eb) => eb.or([
      eb('lease_until', '<', now),
      ...(singleWriter ? [eb('holder', '!=', liveHolder)] : []),
      eb.and([eb('state', '=', 'stuck'), eb('holder', '=', liveHolder)]),
    ]))
    .orderBy('created_at').execute();
}

/** Takes over an orphaned operation: only one recoverer wins it. */
export async function claimOperation(db: Db, op: OperationRow, holder: string, leaseUntil: string, now: string): Promise<boolean> {
  const r = await db.updateTable('operations').set({ holder, lease_until: leaseUntil, updated_at: now })
    .where('id', '=', op.id).where('holder', '=', op.holder).where('lease_until', '=', op.lease_until)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function countOpenOperations(db: Db): Promise<number> {
  return db.selectFrom('operations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', ['running', 'stuck']).executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export async function pruneOperations(db: Db, finishedBefore: string): Promise<void> {
  await db.deleteFrom('operations').where('state', 'in', ['done', 'failed'])
    .where('updated_at', '<', finishedBefore).execute();
}

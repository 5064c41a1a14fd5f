import type { OperationState } from '../shared/vocabulary.js';
import type { Db } from './store.js';
import type { OperationRow, OperationTable } from './schema.js';
import type { Insertable, Updateable } from 'kysely';

/** States of an operation someone is (or should be) working on. */
const OPEN: OperationState[] = ['running', 'stuck'];

export async function insertOperation(db: Db, row: Insertable<OperationTable>): Promise<void> {
  await db.insertInto('operations').values(row).execute();
}

/**
 * Changes an open operation only while `holder` still holds it: the fence that keeps a process
 * whose lease ran out (and whose operation another process took over) from committing over it.
 * False when the operation is no longer this holder's, or no longer in a state of `from`.
 */
export async function updateHeldOperation(
  db: Db, id: string, holder: string, from: readonly OperationState[],
  patch: Omit<Updateable<OperationTable>, 'id' | 'holder'> & { updated_at: string },
): Promise<boolean> {
  const r = await db.updateTable('operations').set(patch)
    .where('id', '=', id).where('holder', '=', holder).where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Unfinished operations that nobody is working on: their lease ran out (a `stuck` operation's lease
 * is its next attempt), or, where one process is the only writer, another holder left them.
 */
export function orphanedOperations(db: Db, now: string, liveHolder: string, singleWriter: boolean): Promise<OperationRow[]> {
  return db.selectFrom('operations').selectAll()
    .where('state', 'in', OPEN)
    .where((eb) => eb.or([
      eb('lease_until', '<', now),
      ...(singleWriter ? [eb('holder', '!=', liveHolder)] : []),
    ]))
    .orderBy('created_at').execute();
}

export function findOperation(db: Db, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Takes over an orphaned operation, which is running again: only one recoverer wins it. */
export async function claimOperation(db: Db, op: OperationRow, holder: string, leaseUntil: string, now: string): Promise<boolean> {
  const r = await db.updateTable('operations').set({ holder, state: 'running', lease_until: leaseUntil, updated_at: now })
    .where('id', '=', op.id).where('holder', '=', op.holder).where('lease_until', '=', op.lease_until)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Operations a process is carrying out now under a pod manager: running, within their lease. */
export function liveOperationsOf(db: Db, podmId: string, now: string): Promise<Array<Pick<OperationRow, 'kind' | 'node_uuid'>>> {
  return db.selectFrom('operations').select(['kind', 'node_uuid'])
    .where('podm_id', '=', podmId).where('state', '=', 'running').where('lease_until', '>=', now)
    .orderBy('created_at').execute();
}

export function countOpenOperations(db: Db): Promise<number> {
  return db.selectFrom('operations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', 'in', OPEN).executeTakeFirstOrThrow().then((r) => Number(r.n));
}

export async function pruneOperations(db: Db, finishedBefore: string): Promise<void> {
  await db.deleteFrom('operations').where('state', 'in', ['done', 'failed'])
    .where('updated_at', '<', finishedBefore).execute();
}

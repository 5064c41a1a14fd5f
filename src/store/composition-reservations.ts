import type { Db } from './store.js';
import type { CompositionReservationRow, ReservedBlockRow } from './schema.js';

/** What compose must leave alone: boards an unexpired reservation holds, except the one being applied. */
export interface ReservedFilter {
  readonly now: string;
  readonly except?: string;
}

/** The fabric ids of one pod manager's boards held at `now` (a subquery for compose's candidate reads). */
export function reservedEemIds(db: Db, podmId: string, reserved: ReservedFilter) {
  let q = db.selectFrom('reserved_blocks').select('eem_id').where('podm_id', '=', podmId).where('expires_at', '>', reserved.now);
  if (reserved.except !== undefined) q = q.where('reservation_id', '<>', reserved.except);
  return q;
}

/** Expired reservations go: a reservation ends by itself, whichever replica looks next. */
export async function purgeExpiredReservations(db: Db, now: string): Promise<void> {
  await db.deleteFrom('reserved_blocks').where('expires_at', '<=', now).execute();
  await db.deleteFrom('composition_reservations').where('expires_at', '<=', now).execute();
}

export async function insertReservation(db: Db, row: CompositionReservationRow): Promise<void> {
  await db.insertInto('composition_reservations').values(row).execute();
}

export async function setReservationManifest(db: Db, id: string, manifest: string): Promise<void> {
  await db.updateTable('composition_reservations').set({ manifest }).where('id', '=', id).execute();
}

/** Holds boards for a reservation; the boards' primary key refuses one another reservation holds. */
export async function reserveBlocks(db: Db, reservation: Pick<CompositionReservationRow, 'id' | 'expires_at'>, podmId: string, eemIds: string[]): Promise<void> {
  await db.insertInto('reserved_blocks')
    .values(eemIds.map((eem_id) => ({ reservation_id: reservation.id, podm_id: podmId, eem_id, expires_at: reservation.expires_at })))
    .execute();
}

export function findReservation(db: Db, id: string, now: string): Promise<CompositionReservationRow | undefined> {
  return db.selectFrom('composition_reservations').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

export function listReservations(db: Db, now: string, project?: string): Promise<CompositionReservationRow[]> {
  let q = db.selectFrom('composition_reservations').selectAll().where('expires_at', '>', now);
  if (project !== undefined) q = q.where('project', '=', project);
  return q.orderBy('created_at').execute();
}

export function blocksOfReservation(db: Db, id: string): Promise<ReservedBlockRow[]> {
  return db.selectFrom('reserved_blocks').selectAll().where('reservation_id', '=', id).orderBy('podm_id').orderBy('eem_id').execute();
}

/** Every board held at `now`, by pod manager and fabric id (for the blocks' `Reserved` flag). */
export function allReservedBlocks(db: Db, now: string): Promise<ReservedBlockRow[]> {
  return db.selectFrom('reserved_blocks').selectAll().where('expires_at', '>', now).execute();
}

/** Returns whether there was one to delete. */
export async function deleteReservation(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('reserved_blocks').where('reservation_id', '=', id).execute();
  const r = await db.deleteFrom('composition_reservations').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A composition applying a reservation takes its boards: they are no longer held, but in use. */
export async function unreserveBlocks(db: Db, reservationId: string, podmId: string, eemIds: string[]): Promise<void> {
  if (eemIds.length === 0) return;
  await db.deleteFrom('reserved_blocks').where('reservation_id', '=', reservationId).where('podm_id', '=', podmId).where('eem_id', 'in', eemIds).execute();
}

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from './store.js';
import type { DeadLetterTable, SubscriptionTable } from './schema.js';

/** A subscription row with its delivery mark as a number, whichever backend read it. */
export type SubscriptionRow = Omit<Selectable<SubscriptionTable>, 'delivered_seq'> & { delivered_seq: number };
export type DeadLetterRow = Omit<Selectable<DeadLetterTable>, 'seq'> & { seq: number };

const normal = (r: Selectable<SubscriptionTable>): SubscriptionRow => ({ ...r, delivered_seq: Number(r.delivered_seq) });

export async function insertSubscription(db: Db, row: Insertable<SubscriptionTable>): Promise<void> {
  await db.insertInto('subscriptions').values(row).execute();
}

/** Every subscription, or one owner's. */
export async function listSubscriptions(db: Db, owner?: string): Promise<SubscriptionRow[]> {
  let q = db.selectFrom('subscriptions').selectAll();
  if (owner !== undefined) q = q.where('owner', '=', owner);
  return (await q.orderBy('created_at').execute()).map(normal);
}

export async function findSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  const row = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && normal(row);
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('dead_letters').where('subscription_id', '=', id).execute();
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

/** Key rotation: the webhook secret sealed under the new key. */
export async function resealSubscription(db: Db, id: string, secretSealed: string): Promise<void> {
  await db.updateTable('subscriptions').set({ secret_sealed: secretSealed }).where('id', '=', id).execute();
}

/** Takes or renews a subscription's delivery lease: only one replica delivers each. */
export async function leaseSubscription(db: Db, id: string, holder: string, now: string, until: string): Promise<boolean> {
  const r = await db.updateTable('subscriptions').set({ holder, lease_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('holder', 'is', null), eb('holder', '=', holder), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function releaseSubscription(db: Db, id: string, holder: string): Promise<void> {
  await db.updateTable('subscriptions').set({ holder: null, lease_until: null }).where('id', '=', id).where('holder', '=', holder).execute();
}

/** Records how a delivery went, only while `holder` still holds the lease; false if it does not. */
export async function updateHeldSubscription(db: Db, id: string, holder: string, patch: Updateable<SubscriptionTable>): Promise<boolean> {
  const r = await db.updateTable('subscriptions').set(patch).where('id', '=', id).where('holder', '=', holder).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertDeadLetter(db: Db, row: Insertable<DeadLetterTable>): Promise<void> {
  await db.insertInto('dead_letters').values(row)
    .onConflict((oc) => oc.columns(['subscription_id', 'seq']).doUpdateSet({ attempts: row.attempts, error: row.error, replay: 0, at: row.at }))
    .execute();
}

export async function listDeadLetters(db: Db, subscriptionId: string, replayOnly = false): Promise<DeadLetterRow[]> {
  let q = db.selectFrom('dead_letters').selectAll().where('subscription_id', '=', subscriptionId);
  if (replayOnly) q = q.where('replay', '=', 1);
  return (await q.orderBy('seq').execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function countDeadLetters(db: Db, subscriptionId: string): Promise<number> {
  const row = await db.selectFrom('dead_letters').select((eb) => eb.fn.countAll<number | string>().as('n')).where('subscription_id', '=', subscriptionId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Subscriptions with dead letters waiting to be replayed. */
export async function subscriptionsWithReplays(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('dead_letters').select('subscription_id').where('replay', '=', 1).distinct().execute();
  return new Set(rows.map((r) => r.subscription_id));
}

/** Asks for one dead letter (or all of them) to be tried again; returns how many. */
export async function markForReplay(db: Db, subscriptionId: string, seq?: number): Promise<number> {
  let q = db.updateTable('dead_letters').set({ replay: 1 }).where('subscription_id', '=', subscriptionId);
  if (seq !== undefined) q = q.where('seq', '=', seq);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function deleteDeadLetter(db: Db, subscriptionId: string, seq: number): Promise<void> {
  await db.deleteFrom('dead_letters').where('subscription_id', '=', subscriptionId).where('seq', '=', seq).execute();
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../store/database.js';
import type { RowLock } from '../../store/row-locks.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';

/**
 * Runs a reservation transaction, and while it fails because another operation holds the node or a
 * device, tries again for up to `holdWaitMs`: two attaches to one node queue instead of failing.
 */
export async function retryWhileHeld<T>(ctx: CoreContext, work: (tx: Db) => Promise<T>): Promise<T> {
  const deadline = Date.now() + ctx.settings.holdWaitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await ctx.store.transaction(work);
    } catch (err) {
      if (!(err instanceof CoreError && err.kind === 'busy') || Date.now() + pause > deadline) throw err;
      await sleep(pause);
    }
  }
}

/**
 * The row lock a reservation's reads take where other processes write at the same time (PostgreSQL
 * replicas): none where the store runs one transaction at a time.
 */
export function reservationLock(ctx: CoreContext, mode: 'skip' | 'wait'): RowLock {
  return ctx.store.rowLocks ? mode : undefined;
}

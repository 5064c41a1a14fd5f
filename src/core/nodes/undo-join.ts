import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { releaseDevices } from '../../store/devices.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { recordFreed, takeOutOfGroup } from './fabric-moves.js';
import { LeaseLost, type Journal, type Operation } from './journal.js';

/**
 * An undo that could not finish: the operation stays `stuck` with its holds, and the service tries
 * the undo again by itself (recovery, with backoff) until it succeeds.
 */
export class UndoPending extends CoreError {}

/**
 * Undoes a compose or attach that failed (or whose process died): takes back out of the node's
 * group only the devices this operation put there, where the fabric still shows them (fabric-moves.ts), returns a group the operation created,
 * records what it found, releases the holds and lets `settle` finish the node's side (delete a
 * half-composed node, unlock an attached-to one). Returns the error to report. If the undo fails in
 * turn, the operation is left `stuck` with its holds (so nothing takes the server or devices) and
 * an UndoPending is thrown: recovery counts it unsettled and tries again later.
 */
export async function undoJoin(
  ctx: CoreContext, journal: Journal, op: Operation, podm: PodManagerRow, failure: unknown,
  settle: (tx: Db) => Promise<void>,
): Promise<unknown> {
  // Another process holds the operation now, and undoes it.
  if (failure instanceof LeaseLost) return failure;
  const reason = failure instanceof Error ? failure.message : String(failure);
  try {
    const outcomes = await takeOutOfGroup(journal.driver(op, podm), op.plan, { undo: true });
    await ctx.store.transaction(async (tx) => {
      await recordFreed(tx, outcomes, nowIso());
      await releaseDevices(tx, op.id);
      await settle(tx);
      await journal.finish(tx, op, 'failed', reason);
    });
    ctx.log.warn({ op: op.id, node: op.nodeUuid, podm_id: podm.uuid, err: reason }, `${op.kind} undone`);
    return failure;
  } catch (undoErr) {
    if (undoErr instanceof LeaseLost) return undoErr;
    const why = undoErr instanceof Error ? undoErr.message : String(undoErr);
    await journal.stall(op, `${reason}; undo failed: ${why}`);
    ctx.log.error({ op: op.id, node: op.nodeUuid, podm_id: podm.uuid, err: reason, undo: why }, `${op.kind} undo failed; covalence will retry it`);
    const kind = failure instanceof CoreError ? failure.kind : 'fabric_failed';
    throw new UndoPending(kind, `${reason}; undoing it failed too (${why}); covalence retries the undo by itself`, failure instanceof CoreError ? failure.code : undefined);
  }
}

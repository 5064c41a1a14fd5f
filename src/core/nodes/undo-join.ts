import { nowIso } from '../../shared/time.js';
import type { Db } from '../../store/database.js';
import { releaseDevices } from '../../store/devices.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { recordFreed, takeOutOfGroup } from './fabric-moves.js';
import type { Journal, Operation } from './journal.js';

/**
 * Undoes a compose or attach that failed (or whose process died): takes back out of the node's
 * group only the devices this operation put there, where the fabric still shows them (fabric-moves.ts), returns a group the operation created,
 * records what it found, releases the holds and lets `settle` finish the node's side (delete a
 * half-composed node, unlock an attached-to one). If the undo fails in turn, the operation is
 * left `stuck` with its holds, so nothing takes the server or devices until recovery finishes it.
 * Returns the error to report.
 */
export async function undoJoin(
  ctx: CoreContext, journal: Journal, op: Operation, podm: PodManagerRow, failure: unknown,
  settle: (tx: Db) => Promise<void>,
): Promise<unknown> {
  const reason = failure instanceof Error ? failure.message : String(failure);
  try {
    const outcomes = await takeOutOfGroup(ctx.drivers.get(podm), op.plan, { undo: true });
    await ctx.store.transaction(async (tx) => {
      await recordFreed(tx, outcomes, nowIso());
      await releaseDevices(tx, op.id);
      await settle(tx);
      await journal.finish(tx, op, 'failed', reason);
    });
    ctx.log.warn({ op: op.id, node: op.nodeUuid, podm_id: podm.uuid, err: reason }, `${op.kind} undone`);
    return failure;
  } catch (undoErr) {
    const why = undoErr instanceof Error ? undoErr.message : String(undoErr);
    await journal.finish(ctx.store.db, op, 'stuck', `${reason}; undo failed: ${why}`);
    ctx.log.error({ op: op.id, node: op.nodeUuid, podm_id: podm.uuid, err: reason, undo: why }, `${op.kind} undo failed; recovery will retry`);
    return failure instanceof CoreError
      ? new CoreError(failure.kind, `${failure.message}; undoing it failed too (${why}); covalence will retry the undo`, failure.code)
      : failure;
  }
}

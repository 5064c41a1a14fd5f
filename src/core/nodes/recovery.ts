import type { OperationKind } from '../../shared/vocabulary.js';
import { findPodManager } from '../../store/pod-managers.js';
import type { CoreContext } from '../context.js';
import type { Journal } from './journal.js';
import type { NodeVerb } from './verb.js';

/** Which verb finishes or undoes each kind of operation: the compiler asks for every kind. */
export type RecoveryTable = { readonly [K in OperationKind]: NodeVerb };

/**
 * Finishes or undoes what a dead process (or a failed undo) left in the journal: each operation is
 * handed to its verb's `recover`, which compares the journal with the fabric (compose and attach
 * are undone, detach and decompose carried out, register and deregister release the node). Runs at
 * start-up and then periodically (scheduler.ts); an operation that still cannot finish stays `stuck`
 * and is tried again when its backoff runs out. One whose pod manager was deleted lets its holds go.
 */
export class Recovery {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly verbs: RecoveryTable,
  ) {}

  /** Returns how many operations it settled. */
  async run(): Promise<number> {
    let settled = 0;
    for (const op of await this.journal.claimOrphans()) {
      const podm = await findPodManager(this.ctx.store.db, op.podmId);
      if (!podm) {
        await this.journal.abandon(op, 'its pod manager was deleted');
        continue;
      }
      this.ctx.log.warn({ op: op.id, kind: op.kind, node: op.nodeUuid, podm_id: op.podmId, step: op.plan.step }, 'recovering operation');
      try {
        await this.verbs[op.kind].recover(op, podm);
        settled++;
      } catch (err) {
        // Not settled: stuck again (an undo that failed has already said so), tried after a longer pause.
        const why = err instanceof Error ? err.message : String(err);
        this.ctx.log.error({ op: op.id, err: why }, 'recovery failed; will retry');
        await this.journal.stall(op, why);
      }
    }
    return settled;
  }
}

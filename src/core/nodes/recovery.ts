import { findPodManager } from '../../store/pod-managers.js';
import type { Attachment } from './attach.js';
import type { Compose } from './compose.js';
import type { CoreContext } from '../context.js';
import type { Decompose } from './decompose.js';
import type { Journal } from './journal.js';
import type { Registrations } from './registrations.js';

/**
 * Finishes or undoes what a dead process (or a failed undo) left in the journal, by comparing the
 * journal with the fabric: compose and attach are undone, detach and decompose are carried out.
 * Runs at start-up and then periodically; an operation that still cannot finish stays `stuck`.
 */
export class Recovery {
  constructor(
    private readonly ctx: CoreContext,
    private readonly journal: Journal,
    private readonly compose: Compose,
    private readonly attachment: Attachment,
    private readonly decompose: Decompose,
    private readonly registrations: Registrations,
  ) {}

  /** Returns how many operations it settled. */
  async run(): Promise<number> {
    let settled = 0;
    for (const op of await this.journal.claimOrphans()) {
      const podm = await findPodManager(this.ctx.store.db, op.podmId);
      if (!podm) {
        await this.journal.finish(this.ctx.store.db, op, 'failed', 'its pod manager was deleted');
        continue;
      }
      const reason = new Error(`interrupted ${op.kind} (operation ${op.id}) at step '${op.plan.step}'`);
      this.ctx.log.warn({ op: op.id, kind: op.kind, node: op.nodeUuid, podm_id: op.podmId, step: op.plan.step }, 'recovering operation');
      try {
        switch (op.kind) {
          case 'compose':
            await this.compose.undo(op, podm, reason);
            break;
          case 'attach':
            await this.attachment.undoAttach(op, podm, reason);
            break;
          case 'detach':
            await this.attachment.finishDetach(op, podm);
            break;
          case 'decompose':
            await this.decompose.finish(op, podm);
            break;
          case 'register':
          case 'deregister':
            await this.registrations.release(op);
            break;
        }
        settled++;
      } catch (err) {
        this.ctx.log.error({ op: op.id, err: err instanceof Error ? err.message : String(err) }, 'recovery failed; will retry');
        await this.journal.finish(this.ctx.store.db, op, 'stuck', err instanceof Error ? err.message : String(err));
      }
    }
    return settled;
  }
}

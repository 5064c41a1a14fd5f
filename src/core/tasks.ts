import { randomUUID } from 'node:crypto';
import { nowIso } from '../shared/time.js';
import * as repo from '../store/redfish-tasks.js';
import type { RedfishTaskRow } from '../store/schema.js';
import { canSee, projectScope, type Caller } from './access/caller.js';
import type { CoreContext } from './context.js';
import { notFound } from './errors.js';

/** A request that answered "accepted" at once and runs on (Redfish's 202 and its task monitor). */
export interface Task {
  readonly id: string;
  readonly projectId: string;
  /** `Interrupted`: the process running it stopped before it ended (its journalled verb is recovered apart). */
  readonly state: 'Running' | 'Completed' | 'Exception' | 'Interrupted';
  /** What it ended with, as its API wrote it; null while running. */
  readonly answer: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How long a finished task stays to be read. */
const KEPT_MS = 24 * 3600_000;

/**
 * Tasks in the store, so that any replica answers a task's monitor. The work runs in the process
 * that started it; if that process dies, the task is reported Interrupted once its lease has run out.
 */
export class Tasks {
  constructor(private readonly ctx: CoreContext) {}

  /** Records the task, runs `work` after answering, and records what it ended with. */
  async start(caller: Caller, work: () => Promise<{ succeeded: boolean; answer: string }>): Promise<Task> {
    const at = nowIso();
    await repo.pruneTasks(this.ctx.store.db, new Date(Date.now() - KEPT_MS).toISOString());
    const row: RedfishTaskRow = { id: randomUUID(), project: caller.project, holder: this.ctx.holder, state: 'Running', answer: null, created_at: at, updated_at: at };
    await repo.insertTask(this.ctx.store.db, row);
    setImmediate(() => void this.run(row.id, work));
    return toTask(row, this.ctx);
  }

  async get(id: string, caller: Caller): Promise<Task> {
    const row = await repo.findTask(this.ctx.store.db, id);
    if (!row || !canSee(caller, { projectId: row.project })) throw notFound(`Task '${id}'`);
    return toTask(row, this.ctx);
  }

  async list(caller: Caller): Promise<Task[]> {
    return (await repo.listTasks(this.ctx.store.db, projectScope(caller))).map((r) => toTask(r, this.ctx));
  }

  private async run(id: string, work: () => Promise<{ succeeded: boolean; answer: string }>): Promise<void> {
    try {
      const { succeeded, answer } = await work();
      await repo.finishTask(this.ctx.store.db, id, { state: succeeded ? 'Completed' : 'Exception', answer, updated_at: nowIso() });
    } catch (err) {
      this.ctx.log.error({ task: id, err: String(err) }, 'a task ended without an answer');
      await repo.finishTask(this.ctx.store.db, id, { state: 'Exception', answer: null, updated_at: nowIso() }).catch(() => undefined);
    }
  }
}

function toTask(row: RedfishTaskRow, ctx: CoreContext): Task {
  const orphaned = row.state === 'Running' && row.holder !== ctx.holder && Date.parse(row.updated_at) + ctx.settings.leaseMs < Date.now();
  return { id: row.id, projectId: row.project, state: orphaned ? 'Interrupted' : row.state, answer: row.answer, createdAt: row.created_at, updatedAt: row.updated_at };
}

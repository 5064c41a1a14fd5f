import type { Db } from './store.js';
import type { RedfishTaskRow } from './schema.js';

export async function insertTask(db: Db, row: RedfishTaskRow): Promise<void> {
  await db.insertInto('redfish_tasks').values(row).execute();
}

export async function finishTask(db: Db, id: string, outcome: Pick<RedfishTaskRow, 'state' | 'answer' | 'updated_at'>): Promise<void> {
  await db.updateTable('redfish_tasks').set(outcome).where('id', '=', id).execute();
}

export function findTask(db: Db, id: string): Promise<RedfishTaskRow | undefined> {
  return db.selectFrom('redfish_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listTasks(db: Db, project?: string): Promise<RedfishTaskRow[]> {
  let q = db.selectFrom('redfish_tasks').selectAll();
  if (project !== undefined) q = q.where('project', '=', project);
  return q.orderBy('created_at').execute();
}

/** Finished tasks older than `before` are forgotten. */
export async function pruneTasks(db: Db, before: string): Promise<void> {
  await db.deleteFrom('redfish_tasks').where('state', '<>', 'Running').where('updated_at', '<', before).execute();
}

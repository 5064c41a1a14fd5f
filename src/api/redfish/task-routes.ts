import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core, Task } from '../../core/index.js';
import { callerOf } from '../access.js';
import { send, type Answer } from './async-answer.js';
import { collection, link, paths, resource, route, status } from './odata.js';
import { IdParams } from './params.js';

const hide = true;

/** The TaskService: requests answered 202 (`Prefer: respond-async`), their tasks and monitors. */
export const taskRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(route(paths.taskService), { schema: { hide } }, async () => ({
    ...resource('TaskService', paths.taskService, 'TaskService', 'Task Service'),
    ServiceEnabled: true,
    CompletedTaskOverWritePolicy: 'Oldest',
    LifeCycleEventOnTaskStateChange: false,
    Status: status('Enabled', 'OK'),
    Tasks: link(paths.tasks),
  }));

  app.get(route(paths.tasks), { schema: { hide } }, async (req) => {
    const tasks = await core.tasks.list(callerOf(req));
    return collection('TaskCollection', paths.tasks, 'Tasks', tasks.map((t) => paths.task(t.id)));
  });

  app.get(route(paths.task(':id')), { schema: { hide, params: IdParams } }, async (req) => taskView(await core.tasks.get(req.params.id, callerOf(req))));

  // 202 (no body) while the work runs, then what the request would have answered.
  app.get(route(paths.taskMonitor(':id')), { schema: { hide, params: IdParams } }, async (req, reply) => {
    const task = await core.tasks.get(req.params.id, callerOf(req));
    if (task.state === 'Running') return reply.code(202).header('location', paths.taskMonitor(task.id)).send();
    return send(reply, task.answer === null ? { status: 200, body: taskView(task) } : (JSON.parse(task.answer) as Answer));
  });
};

function taskView(task: Task) {
  const answer = task.answer === null ? undefined : (JSON.parse(task.answer) as Answer);
  const created = answer?.headers?.location;
  const done = task.state !== 'Running';
  return {
    ...resource('Task', paths.task(task.id), task.id, `Task ${task.id}`),
    TaskState: task.state,
    TaskStatus: task.state === 'Completed' ? 'OK' : task.state === 'Running' ? 'OK' : 'Critical',
    StartTime: task.createdAt,
    ...(done && { EndTime: task.updatedAt }),
    PercentComplete: done ? 100 : 0,
    TaskMonitor: paths.taskMonitor(task.id),
    Messages: [],
    Links: { CreatedResources: created === undefined ? [] : [link(created)] },
  };
}

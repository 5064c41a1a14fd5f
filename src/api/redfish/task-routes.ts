import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/index.js';
import { collection, link, paths, resource, route, status } from './odata.js';

const hide = true;

/** The TaskService: where long operations are followed. */
export const taskRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app) => {
  app.get(route(paths.taskService), { schema: { hide } }, async () => ({
    ...resource('TaskService', paths.taskService, 'TaskService', 'Task Service'),
    ServiceEnabled: true,
    CompletedTaskOverWritePolicy: 'Oldest',
    LifeCycleEventOnTaskStateChange: false,
    Status: status('Enabled', 'OK'),
    Tasks: link(paths.tasks),
  }));

  app.get(route(paths.tasks), { schema: { hide } }, async () => collection('TaskCollection', paths.tasks, 'Tasks', []));
};

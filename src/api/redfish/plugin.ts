import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import type { Core } from '../../core/index.js';
import { chassisRoutes } from './chassis-routes.js';
import { composeRoutes } from './compose-routes.js';
import { compositionRoutes } from './composition-routes.js';
import { manifestRoutes } from './manifest-routes.js';
import { notFound } from './not-found.js';
import { PREFIX } from './odata.js';
import { answerWrongMethods, collectRoutes } from '../wrong-methods.js';
import { BASE, RedfishError, sendRedfishError, toRedfishError } from './errors.js';
import { serviceRoutes } from './service-routes.js';
import { sessionRoutes } from './session-routes.js';
import { systemRoutes } from './system-routes.js';
import { taskRoutes } from './task-routes.js';

/**
 * The Redfish service at /redfish (issue 18): DMTF's composition model over the same core as v1, so
 * a node composed here is a v1 node and the other way round, under the same policy and audit. This
 * room only maps the wire; every rule is core's. Errors leave in Redfish's form, every answer carries
 * OData-Version, and a client asking for another OData version is refused as DSP0266 says.
 */
export const redfishRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.addHook('onRequest', async (req) => {
    const version = req.headers['odata-version'];
    if (version !== undefined && version !== '4.0') {
      throw new RedfishError(412, `${BASE}.HeaderInvalid`, `OData-Version ${String(version).slice(0, 16)} is not served; this service speaks OData 4.0.`, ['OData-Version']);
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('odata-version', '4.0');
    reply.header('cache-control', 'no-cache');
    return payload;
  });
  app.setErrorHandler((err: FastifyError, req, reply) => sendRedfishError(reply, toRedfishError(err, req)));
  app.setNotFoundHandler((req, reply) => sendRedfishError(reply, notFound('Resource', req.url.split('?')[0]!)));

  const routes = collectRoutes(app);
  for (const plugin of [serviceRoutes, systemRoutes, composeRoutes, compositionRoutes, manifestRoutes, chassisRoutes, sessionRoutes, taskRoutes]) {
    await app.register(plugin, { core });
  }
  answerWrongMethods(app, routes, (_req, detail) => new RedfishError(405, `${BASE}.OperationNotAllowed`, detail), PREFIX);
};

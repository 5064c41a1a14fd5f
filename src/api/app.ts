import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Core } from '../core/index.js';
import { installAccessControl } from './access.js';
import { clientError, frameworkError, installErrorHandling, RequestRefused } from './errors.js';
import { ruleOf } from './policy.js';
import { RevisionedAnswers } from './prepared/revisioned-answers.js';
import { answerWrongMethods, collectRoutes } from './wrong-methods.js';
import { installBodyParsing } from './request-body.js';
import { redfishFrameworkError } from './redfish/errors.js';
import { PREFIX as REDFISH } from './redfish/odata.js';
import { redfishRoutes } from './redfish/plugin.js';
import { auditRoutes } from './resources/audit/routes.js';
import { deviceRoutes } from './resources/devices/routes.js';
import { eventRoutes } from './resources/events/routes.js';
import { subscriptionRoutes } from './resources/subscriptions/routes.js';
import { flavorRoutes } from './resources/flavors/routes.js';
import { nodeRoutes } from './resources/nodes/routes.js';
import { operabilityRoutes } from './resources/operability/routes.js';
import { podManagerRoutes } from './resources/pod-managers/routes.js';
import { rootRoutes } from './resources/root/routes.js';
import { systemRoutes } from './resources/systems/routes.js';
import { uiRoutes } from './resources/ui/routes.js';
import { ErrorBody } from './schemas.js';
import { requestContext } from '../telemetry/request-context.js';

export interface AppOptions {
  core: Core;
  logger: FastifyBaseLogger;
  bodyLimit?: number;
  /** Origins a browser may call the API from; none (CORS off) by default. */
  corsOrigins?: readonly string[];
  /** PEM certificate and key: the API answers HTTPS only. */
  tls?: { cert: Buffer; key: Buffer };
  /** Bytes the answers prepared for the current pool revision may hold (prepared/revisioned-answers.ts). */
  answerCacheBytes?: number;
}

/** The HTTP face of covalence: Valence v1 routes over core, nothing else (no listening here). */
export async function buildApp({ core, logger, bodyLimit = 1 << 20, corsOrigins = [], tls, answerCacheBytes = 32 << 20 }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(tls && { https: tls }),
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false, // ids are ours, not the client's
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit,
    // Each API answers in its own form, even before a route is found.
    frameworkErrors: (err, req, reply) => (req.url.startsWith(`${REDFISH}/`) ? redfishFrameworkError(err, reply) : frameworkError(err, req, reply)),
    clientErrorHandler: clientError,
    ajv: {
      // Extra fields and wrong types are errors, not silently dropped or coerced.
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false, verbose: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-openstack-request-id', req.id);
    requestContext.run({ reqId: req.id }, done);
  });
  // While shutting down, answers to requests already in flight close their connection, so the
  // server is not kept open by keep-alive clients once the last one is answered.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    core.metrics.httpRequests.observe({ route, method: req.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  installErrorHandling(app);
  installBodyParsing(app);
  if (corsOrigins.length > 0) await app.register(cors, { origin: [...corsOrigins], exposedHeaders: ['x-openstack-request-id'] });
  installAccessControl(app, core);
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      info: { title: 'covalence', description: 'OpenStack Valence v1 compatible composable-infrastructure API', version: '1' },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });

  // Every route has a rule in the policy table (api/policy.ts, joined from each resource's policy.ts),
  // or the app is not built; the 405 answers added below take their path's rule (api/access.ts).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.config?.methodNotAllowed) return;
    const unruled = methods.find((m) => ruleOf(m, route.url) === undefined);
    if (unruled) throw new Error(`${unruled} ${route.url} has no rule in src/api/policy.ts`);
  });
  // The Redfish service answers its own wrong methods, in its own error form.
  const routes = collectRoutes(app, (url) => url === REDFISH || url.startsWith(`${REDFISH}/`));

  await app.register(rootRoutes);
  await app.register(operabilityRoutes, { core });
  const resources = { core, answers: new RevisionedAnswers(core.revision, answerCacheBytes) };
  for (const plugin of [podManagerRoutes, deviceRoutes, systemRoutes, flavorRoutes, nodeRoutes, auditRoutes, eventRoutes, subscriptionRoutes]) {
    await app.register(plugin, resources);
  }
  await app.register(uiRoutes);
  await app.register(redfishRoutes, { core, prefix: REDFISH });

  // A known path with an unknown method answers 405 with the allowed ones, in Valence's body.
  answerWrongMethods(app, routes, (_req, detail) => new RequestRefused(405, detail));
  return app;
}

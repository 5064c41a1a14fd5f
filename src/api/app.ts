import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type HTTPMethods } from 'fastify';
import type { Core } from '../core/index.js';
import { installAccessControl } from './access.js';
import { clientError, errorBody, frameworkError, installErrorHandling } from './errors.js';
import { ruleOf } from './policy.js';
import { installBodyParsing } from './request-body.js';
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
}

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The HTTP face of covalence: Valence v1 routes over core, nothing else (no listening here). */
export async function buildApp({ core, logger, bodyLimit = 1 << 20, corsOrigins = [], tls }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(tls && { https: tls }),
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false, // ids are ours, not the client's
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit,
    frameworkErrors: frameworkError,
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
  const routes = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.config?.methodNotAllowed) return;
    const unruled = methods.find((m) => ruleOf(m, route.url) === undefined);
    if (unruled) throw new Error(`${unruled} ${route.url} has no rule in src/api/policy.ts`);
    if (route.url === '*') return; // CORS preflight: every path, one method
    const known = routes.get(route.url) ?? new Set<string>();
    methods.forEach((m) => known.add(m));
    routes.set(route.url, known);
  });

  await app.register(rootRoutes);
  await app.register(operabilityRoutes, { core });
  for (const plugin of [podManagerRoutes, deviceRoutes, systemRoutes, flavorRoutes, nodeRoutes, auditRoutes, eventRoutes, subscriptionRoutes]) {
    await app.register(plugin, { core });
  }
  await app.register(uiRoutes);

  // A known path with an unknown method answers 405 with the allowed ones, in Valence's body.
  for (const [url, methods] of [...routes]) {
    const missing = METHODS.filter((m) => !methods.has(m));
    if (missing.length === 0) continue;
    const allow = [...methods].filter((m) => m !== 'HEAD').join(', ');
    app.route({
      method: missing, url, schema: { hide: true }, config: { methodNotAllowed: true },
      handler: async (req, reply) => reply.code(405).header('allow', allow)
        .send(errorBody(req.id, 405, `${req.method} is not allowed on ${url}; allowed: ${allow}.`)),
    });
  }
  return app;
}

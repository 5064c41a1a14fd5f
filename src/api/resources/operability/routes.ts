import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { readinessView } from './view.js';

/** For Prometheus and the process supervisor; not part of Valence's API. */
export const operabilityRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    reply.type(core.metrics.registry.contentType);
    return core.metrics.registry.metrics();
  });

  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    const r = await core.readiness();
    return reply.code(r.ready ? 200 : 503).send(readinessView(r));
  });
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/index.js';

/** For Prometheus and the process supervisor; not part of Valence's API. */
export const operabilityRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    reply.type(core.metrics.registry.contentType);
    return core.metrics.registry.metrics();
  });

  app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (_req, reply) => {
    const r = await core.readiness();
    return reply.code(r.ready ? 200 : 503).send({
      status: r.ready ? 'ready' : 'not ready',
      store: r.store,
      migrations: r.migrations,
      pod_managers: r.podManagers.map((p) => ({ uuid: p.uuid, name: p.name, status: p.status, detail: p.detail, last_sync_at: p.lastSyncAt })),
    });
  });
};

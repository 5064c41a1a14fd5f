import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/index.js';
import { metadataXml, serviceDocument } from './metadata.js';
import { link, paths, resource, route, ROOT } from './odata.js';

const schema = { hide: true }; // Redfish is described by $metadata, not by the v1 OpenAPI document

/** `/redfish`, the service root and the service documents: open to anyone, as Redfish requires. */
export const serviceRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app) => {
  app.get(route('/redfish'), { schema }, async () => ({ v1: `${ROOT}/` }));

  app.get(route(ROOT), { schema }, async () => serviceRoot());

  app.get(route(`${ROOT}/odata`), { schema }, async () => serviceDocument());

  app.get(route(`${ROOT}/$metadata`), { schema }, async (_req, reply) => reply.type('application/xml').send(metadataXml()));
};

export function serviceRoot() {
  return {
    ...resource('ServiceRoot', `${ROOT}/`, 'RootService', 'covalence Redfish service'),
    RedfishVersion: '1.20.0',
    Vendor: 'covalence',
    Product: 'covalence composable-infrastructure manager (ExpEther)',
    Systems: link(paths.systems),
    Chassis: link(paths.chassisCollection),
    CompositionService: link(paths.compositionService),
    SessionService: link(paths.sessionService),
    Tasks: link(paths.taskService),
    Links: { Sessions: link(paths.sessions) },
    ProtocolFeaturesSupported: { ExpandQuery: { ExpandAll: false, Levels: false, Links: false, NoLinks: false }, SelectQuery: false, FilterQuery: false, OnlyMemberQuery: false },
    '@odata.context': `${ROOT}/$metadata#ServiceRoot.ServiceRoot`,
  };
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/index.js';
import { callerOf } from '../access.js';
import { CONSTRAINED_CAPABILITIES, SPECIFIC_CAPABILITIES, collectionCapabilities, constrainedCapabilities, specificCapabilities } from './capabilities.js';
import { withEtag } from './etag.js';
import { collection, paths, route } from './odata.js';
import { IdParams } from './params.js';
import { systemView } from './system-view.js';

const hide = true;

/** Systems: every node the caller may see, as a composed ComputerSystem; the compose routes are composition-routes.ts. */
export const systemRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(route(paths.systems), { schema: { hide } }, async (req) => {
    const nodes = await core.nodes.list({}, callerOf(req));
    const zones = (await core.podManagers.list()).map((p) => p.uuid);
    return {
      ...collection('ComputerSystemCollection', paths.systems, 'Composed systems', nodes.map((n) => paths.system(n.uuid))),
      '@Redfish.CollectionCapabilities': collectionCapabilities(zones),
    };
  });

  app.get(route(SPECIFIC_CAPABILITIES), { schema: { hide } }, async () => specificCapabilities());
  app.get(route(CONSTRAINED_CAPABILITIES), { schema: { hide } }, async () => constrainedCapabilities());

  app.get(route(paths.system(':id')), { schema: { hide, params: IdParams } }, async (req, reply) => {
    const body = withEtag(systemView(await core.nodes.detail(req.params.id, callerOf(req))));
    return reply.header('etag', body['@odata.etag']).send(body);
  });
};

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { withErrors } from '../../schemas.js';
import { SystemBrief, SystemQuery, SystemView } from './schemas.js';
import { systemBrief, systemView } from './view.js';

const tags = ['systems'];

/** Live from the fabric. Valence wanted `podm_id` in a GET body; here it is a query parameter. */
export const systemRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/systems', {
    schema: { tags, summary: "List servers, live from each pod manager's fabric", querystring: SystemQuery, response: withErrors({ 200: Type.Array(SystemBrief) }) },
  }, async (req) => (await core.systems.list(req.query.podm_id)).map(systemBrief));

  app.get('/v1/systems/:id', {
    schema: {
      tags, summary: 'Show a server, live', params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
      querystring: SystemQuery, response: withErrors({ 200: SystemView }),
    },
  }, async (req) => systemView(await core.systems.get(req.params.id, req.query.podm_id)));
};

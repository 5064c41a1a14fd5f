import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoreError, type Core } from '../../../core/index.js';
import { withErrors } from '../../schemas.js';
import { LocateBody } from '../devices/schemas.js';
import { SystemBody, SystemBrief, SystemQuery, SystemView } from './schemas.js';
import { systemBrief, systemView } from './view.js';

const tags = ['systems'];
const SystemIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

/** Names the pod managers whose servers a listing lacks because they could not be read (percent-encoded, comma-separated). */
export const UNREACHABLE_HEADER = 'X-Covalence-Unreachable';

/** Live from the fabric. `podm_id` comes in the query, or in the GET's body as Valence's client sends it. */
export const systemRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/systems', {
    schema: {
      tags, summary: "List servers, live from each pod manager's fabric; those that cannot be read are named in X-Covalence-Unreachable (503 when none answered)", querystring: SystemQuery, body: SystemBody,
      response: withErrors({ 200: Type.Array(SystemBrief) }),
    },
  }, async (req, reply) => {
    const { systems, unreachable } = await core.systems.list(podmIdOf(req.query, req.body));
    if (unreachable.length > 0) reply.header(UNREACHABLE_HEADER, unreachable.map(encodeURIComponent).join(', '));
    return systems.map(systemBrief);
  });

  app.get('/v1/systems/:id', {
    schema: {
      tags, summary: 'Show a server, live', params: SystemIdParams,
      querystring: SystemQuery, body: SystemBody, response: withErrors({ 200: SystemView }),
    },
  }, async (req) => systemView(await core.systems.get(req.params.id, podmIdOf(req.query, req.body))));

  app.post('/v1/systems/:id/action', {
    schema: {
      tags, summary: 'Light or put out the locate LED of the server\'s board ({"locate": {"on": true}}; podm_id in the query, or looked up on each)',
      params: SystemIdParams, querystring: SystemQuery, body: LocateBody, response: withErrors({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    await core.systems.locate(req.params.id, req.body.locate.on, req.query.podm_id);
    return reply.code(204).send(null);
  });
};

/** The pod manager named in the query or the body; two different ones are refused, not one silently chosen. */
function podmIdOf(query: Static<typeof SystemQuery>, body: Static<typeof SystemBody>): string | undefined {
  const [fromQuery, fromBody] = [query.podm_id, body?.podm_id];
  if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) {
    throw new CoreError('invalid', "Invalid input for field/attribute 'podm_id'. The query string and the body name different pod managers.");
  }
  return fromQuery ?? fromBody;
}

import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoreError } from '../../../core/index.js';
import { patchOrShow } from '../../patch.js';
import type { ResourceOptions } from '../../resource-options.js';
import { Confirmation, NameQuery, QueryFlag, UuidParams, withErrors } from '../../schemas.js';
import { PodManagerCreate, PodManagerUpdate, PodManagerView } from './schemas.js';
import { podManagerView } from './view.js';

const tags = ['pod managers'];

// A pod manager shows when it was last synced, and a sync that changed nothing leaves the pool
// revision (store/migrations/0011): its answers are prepared per revision and per sync times.
export const podManagerRoutes: FastifyPluginAsyncTypebox<ResourceOptions> = async (app, { core, answers }) => {
  app.get('/v1/pod_managers', {
    schema: { tags, summary: 'List pod managers (?name= the one with that name)', querystring: NameQuery, response: withErrors({ 200: Type.Array(PodManagerView) }) },
  }, async (req, reply) => answers.send(req, reply, async () => ({ payload: (await core.podManagers.list(req.query.name)).map(podManagerView) }), await core.podManagers.syncTimes()));

  app.post('/v1/pod_managers', {
    schema: {
      tags, summary: 'Register a pod manager (checks it, then syncs its pool)', body: PodManagerCreate,
      response: withErrors({ 200: PodManagerView, 401: Type.Ref('ValenceError') }),
    },
  }, async (req) => {
    const { authentication, driver, ...rest } = req.body;
    const creds = basicCredentials(authentication);
    return podManagerView(await core.podManagers.create({ ...rest, driver: driver ?? 'expether', ...creds }));
  });

  app.get('/v1/pod_managers/:uuid', {
    schema: { tags, summary: 'Show a pod manager', params: UuidParams, response: withErrors({ 200: PodManagerView }) },
  }, async (req, reply) => answers.send(req, reply, async () => ({ payload: podManagerView(await core.podManagers.get(req.params.uuid)) }), await core.podManagers.syncTimes()));

  app.patch('/v1/pod_managers/:uuid', {
    schema: {
      tags, summary: 'Rename, describe, re-credential or re-point (same EEM) a pod manager', params: UuidParams, body: PodManagerUpdate,
      response: withErrors({ 200: PodManagerView, 401: Type.Ref('ValenceError') }),
    },
  }, async (req) => {
    const { authentication, ...rest } = req.body;
    return podManagerView(await patchOrShow(req.body, () => core.podManagers.get(req.params.uuid), () => core.podManagers.update(req.params.uuid, {
      ...rest, ...(authentication && basicCredentials(authentication)),
    })));
  });

  app.delete('/v1/pod_managers/:uuid', {
    schema: {
      tags,
      summary: 'Delete a pod manager and its pool (?force=true decomposes its nodes first; ?forget=true drops them, '
        + 'its pool and its journal without calling its EEM, for an EEM gone for good)',
      params: UuidParams,
      querystring: Type.Object({ force: Type.Optional(QueryFlag), forget: Type.Optional(QueryFlag) }, { additionalProperties: false }),
      response: withErrors({ 200: Confirmation }),
    },
  }, async (req) => {
    const how = req.query.forget === 'true' ? 'forget' : req.query.force === 'true' ? 'decompose-nodes' : 'refuse-if-nodes';
    await core.podManagers.delete(req.params.uuid, how);
    return { request_id: req.id, code: 'DELETED', detail: `Pod manager ${req.params.uuid} has been deleted successfully.` };
  });
};

/** Valence's `authentication` list: the first `basic` entry gives the credentials. */
function basicCredentials(auth: PodManagerCreate['authentication']): { username: string; password: string } {
  const basic = auth.find((a) => a.type === 'basic');
  if (!basic) throw new CoreError('invalid', "Invalid input for field/attribute 'authentication'. It needs an entry of type 'basic' with a username and password.");
  return basic.auth_items;
}

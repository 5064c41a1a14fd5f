import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { patchOrShow } from '../../patch.js';
import { Confirmation, NameQuery, UuidParams, withErrors } from '../../schemas.js';
import { FlavorCreate, FlavorUpdate, FlavorView } from './schemas.js';
import { flavorView } from './view.js';

const tags = ['flavors'];

export const flavorRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/flavors', {
    schema: { tags, summary: 'List flavors (?name= those with that name)', querystring: NameQuery, response: withErrors({ 200: Type.Array(FlavorView) }) },
  }, async (req) => (await core.flavors.list(req.query.name)).map(flavorView));

  app.post('/v1/flavors', {
    schema: { tags, summary: 'Create a flavor', body: FlavorCreate, response: withErrors({ 200: FlavorView }) },
  }, async (req) => flavorView(await core.flavors.create(req.body)));

  app.get('/v1/flavors/:uuid', {
    schema: { tags, summary: 'Show a flavor', params: UuidParams, response: withErrors({ 200: FlavorView }) },
  }, async (req) => flavorView(await core.flavors.get(req.params.uuid)));

  app.patch('/v1/flavors/:uuid', {
    schema: { tags, summary: 'Replace top-level fields of a flavor', params: UuidParams, body: FlavorUpdate, response: withErrors({ 200: FlavorView }) },
  }, async (req) => flavorView(await patchOrShow(req.body, () => core.flavors.get(req.params.uuid), () => core.flavors.update(req.params.uuid, req.body))));

  app.delete('/v1/flavors/:uuid', {
    schema: { tags, summary: 'Delete a flavor (nodes keep what they have)', params: UuidParams, response: withErrors({ 200: Confirmation }) },
  }, async (req) => {
    await core.flavors.delete(req.params.uuid);
    return { request_id: req.id, code: 'DELETED', detail: `This flavor ${req.params.uuid} has been deleted successfully` };
  });
};

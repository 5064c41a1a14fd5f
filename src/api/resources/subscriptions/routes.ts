import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { callerOf } from '../../access.js';
import { Confirmation, UuidParams, withErrors } from '../../schemas.js';
import { DeadLetterView, ReplayBody, SubscriptionBody, SubscriptionView } from './schemas.js';
import { deadLetterView, subscriptionView } from './view.js';

const tags = ['subscriptions'];

/** Webhooks: events POSTed, signed, in order, retried, dead-lettered and replayed on request. */
export const subscriptionRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/subscriptions', {
    schema: { tags, summary: 'Your webhook subscriptions (an admin: everyone\'s), with their delivery status', response: withErrors({ 200: Type.Array(SubscriptionView) }) },
  }, async (req) => (await core.subscriptions.list(callerOf(req))).map(subscriptionView));

  app.post('/v1/subscriptions', {
    schema: { tags, summary: 'Subscribe a URL to events (from now on), filtered by kind, pod manager, node', body: SubscriptionBody, response: withErrors({ 200: SubscriptionView }) },
  }, async (req) => {
    const { url, secret, kinds, podm_id, node_id } = req.body;
    return subscriptionView(await core.subscriptions.create({ url, secret, kinds, podmId: podm_id, nodeId: node_id }, callerOf(req)));
  });

  app.get('/v1/subscriptions/:uuid', {
    schema: { tags, summary: 'A subscription and its delivery status', params: UuidParams, response: withErrors({ 200: SubscriptionView }) },
  }, async (req) => subscriptionView(await core.subscriptions.get(req.params.uuid, callerOf(req))));

  app.delete('/v1/subscriptions/:uuid', {
    schema: { tags, summary: 'Stop a subscription', params: UuidParams, response: withErrors({ 200: Confirmation }) },
  }, async (req) => {
    await core.subscriptions.delete(req.params.uuid, callerOf(req));
    return { request_id: req.id, code: 'DELETED', detail: `Subscription ${req.params.uuid} has been deleted.` };
  });

  app.get('/v1/subscriptions/:uuid/dead_letters', {
    schema: { tags, summary: 'Events the subscription gave up on after its last retry', params: UuidParams, response: withErrors({ 200: Type.Array(DeadLetterView) }) },
  }, async (req) => (await core.subscriptions.deadLetters(req.params.uuid, callerOf(req))).map(deadLetterView));

  app.post('/v1/subscriptions/:uuid/dead_letters/replay', {
    schema: {
      tags, summary: 'Deliver dead letters again (one, or all), in the background', params: UuidParams, body: Type.Optional(ReplayBody),
      response: withErrors({ 202: Type.Object({ replaying: Type.Integer() }) }),
    },
  }, async (req, reply) => {
    const replaying = await core.subscriptions.replay(req.params.uuid, callerOf(req), req.body?.seq);
    return reply.code(202).send({ replaying });
  });
};

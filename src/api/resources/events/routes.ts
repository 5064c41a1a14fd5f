import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core/index.js';
import { callerOf } from '../../access.js';
import { withErrors } from '../../schemas.js';
import { EventListQuery, EventStreamQuery, EventView } from './schemas.js';
import { installEventStreams } from './stream.js';
import { eventQuery, eventView } from './view.js';

const tags = ['events'];

/** What covalence changed or observed, in sequence order: a page at a time, or as a live stream. */
export const eventRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get('/v1/events', {
    schema: {
      tags, summary: 'Events after a sequence number, oldest first, filtered, a page at a time',
      querystring: EventListQuery, response: withErrors({ 200: Type.Array(EventView) }),
    },
  }, async (req) => {
    const { since, limit, ...filters } = req.query;
    const events = await core.events.list(eventQuery(filters), callerOf(req), Number(since ?? 0), Number(limit ?? 100));
    return events.map(eventView);
  });

  const stream = installEventStreams(app);
  app.get('/v1/events/stream', {
    schema: {
      tags, summary: 'The events as Server-Sent Events (id = sequence, event = kind), resumable with Last-Event-ID',
      querystring: EventStreamQuery,
      produces: ['text/event-stream'],
      response: withErrors({
        200: Type.Unsafe<string>({ description: 'one message per event; its data is the event as GET /v1/events gives it', content: { 'text/event-stream': { schema: Type.String() } } }),
      }),
    },
  }, async (req, reply) => {
    const { since, ...filters } = req.query;
    await stream(core, req, reply, eventQuery(filters), since);
  });
};

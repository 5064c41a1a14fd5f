import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError, type Core, type EventQuery } from '../../../core/index.js';
import { callerOf } from '../../access.js';
import { errorBody } from '../../errors.js';
import { eventView } from './view.js';

/** A client that lets this much go unread is cut off; it resumes with Last-Event-ID, missing nothing. */
const MAX_UNREAD_BYTES = 4 << 20;
/** A comment now and then keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/**
 * Server-Sent Events over Fastify's raw reply: each event is `id: SEQ`, `event: KIND` and its JSON,
 * so a browser's EventSource resumes by itself with Last-Event-ID. Streams end when the app closes.
 */
export function installEventStreams(app: FastifyInstance): (core: Core, req: FastifyRequest, reply: FastifyReply, query: EventQuery, since: string | undefined) => Promise<void> {
  const open = new Set<FastifyReply['raw']>();
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    done();
  });
  return async (core, req, reply, query, since) => {
    if (!acceptsStream(req.headers.accept)) {
      // A client that wants JSON would wait forever on a stream that never ends: it is told where to look.
      return void reply.code(406).send(errorBody(req.id, 406, 'GET /v1/events/stream answers text/event-stream (send Accept: text/event-stream); GET /v1/events answers JSON.'));
    }
    const from = resumeFrom(req.headers['last-event-id'], since) ?? core.events.head();
    const res = reply.raw;
    reply.hijack();
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    // Node sends no headers for HEAD until the answer ends (a HEAD's writes are dropped): end it here.
    if (req.method === 'HEAD') return void res.end();
    res.write('retry: 1000\n\n');
    open.add(res);
    let closed = false;
    let stop = () => undefined as unknown;
    res.on('close', () => {
      closed = true;
      open.delete(res);
      stop();
    });
    const following = await core.events.follow(query, callerOf(req), from, (e) => {
      if (res.writableLength > MAX_UNREAD_BYTES) return void res.destroy();
      res.write(`id: ${e.seq}\nevent: ${e.kind}\ndata: ${JSON.stringify(eventView(e))}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    stop = () => {
      clearInterval(keepalive);
      following.stop();
    };
    if (closed) stop();
  };
}

/** No Accept header, any type, any text type or text/event-stream (EventSource, curl, the CLI and the console). */
function acceptsStream(accept: string | undefined): boolean {
  return accept === undefined || /(^|,)\s*(\*\/\*|text\/\*|text\/event-stream)\s*(;|,|$)/i.test(accept);
}

/** Last-Event-ID (a reconnecting EventSource) wins over `since`; neither: from now on. */
function resumeFrom(lastEventId: string | string[] | undefined, since: string | undefined): number | undefined {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (header !== undefined && header !== '') {
    if (!/^[0-9]{1,15}$/.test(header)) throw new CoreError('invalid', "Invalid input for header 'Last-Event-ID'. It must be an event sequence number.");
    return Number(header);
  }
  return since === undefined ? undefined : Number(since);
}

import type { FastifyInstance } from 'fastify';
import { RequestRefused } from './errors.js';

/**
 * What a request body may be, as Valence's clients send it: JSON only (anything else is a 415),
 * uncompressed, and an empty JSON body is `{}`. GET and HEAD may carry one too, because Valence's
 * client puts `podm_id` in the body of its GETs; a route without a body schema ignores it.
 */
export function installBodyParsing(app: FastifyInstance): void {
  app.addHttpMethod('GET', { hasBody: true, overrideExisting: true });
  app.addHttpMethod('HEAD', { hasBody: true, overrideExisting: true });

  app.removeContentTypeParser('text/plain');
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text === '') done(null, {});
    else json(req, text, done);
  });

  // Compressed bodies are refused (RFC 7694): inflating them is a size limit to get right, for no client that needs it.
  app.addHook('preParsing', async (req, reply, payload) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined || /^\s*identity\s*$/i.test(encoding)) return payload;
    reply.header('accept-encoding', 'identity');
    throw new RequestRefused(415, `The request body must not be compressed (Content-Encoding: ${encoding.slice(0, 32)}); send it as plain JSON.`);
  });
}

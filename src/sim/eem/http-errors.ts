// Makes every failure an EEM error body: refusals, unparsable bodies, unknown routes (404) and
// known routes called with another method (405, which Fastify alone would answer as 404).
import type { FastifyError, FastifyInstance } from 'fastify';
import { AUTH_REALM } from './auth.js';
import { EemError } from './errors.js';

/** Install before any route is registered: the 405 answer needs to see every route. */
export function installErrorHandling(app: FastifyInstance): void {
  // JSON only, parsed the EEM's way: an empty body is no body (clients send one with DELETE), and
  // a malformed one is the EEM's 400, not Fastify's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if ((text as string).trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch (err) {
      done(new EemError('malformedJson', `Request body is not valid JSON: ${(err as Error).message}`), undefined);
    }
  });

  app.setErrorHandler((err: FastifyError | EemError, request, reply) => {
    const error = err instanceof EemError ? err : fromFastify(err);
    if (error.kind === 'internal') request.log.error({ err }, 'EEM simulator failed');
    if (error.status === 401) reply.header('www-authenticate', AUTH_REALM);
    return reply.code(error.status).send(error.body());
  });

  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', ({ url, method }) => {
    const source = `^${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`;
    let route = routes.find((r) => r.pattern.source === source);
    if (!route) routes.push((route = { pattern: new RegExp(source), methods: new Set() }));
    for (const m of [method].flat()) route.methods.add(m);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]))].sort();
    if (allowed.length === 0) throw new EemError('routeNotFound', `No resource ${path}`);
    reply.header('allow', allowed.join(', '));
    throw new EemError('methodNotAllowed', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`);
  });
}

function fromFastify(err: FastifyError): EemError {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new EemError('unsupportedMediaType', 'Request bodies must be application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new EemError('bodyTooLarge', err.message);
  }
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
    return new EemError('requestInvalid', err.message);
  }
  return new EemError('internal', 'The simulator failed; see its log');
}

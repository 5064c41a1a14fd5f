import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The methods of each path registered in `app` (and its children) from now on, for the 405 answers
 * of `answerWrongMethods`; `skip` leaves out paths another context answers for itself.
 */
export function collectRoutes(app: FastifyInstance, skip: (url: string) => boolean = () => false): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    if (route.config?.methodNotAllowed || route.url === '*' || skip(route.url)) return;
    const known = routes.get(route.url) ?? new Set<string>();
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) known.add(m);
    routes.set(route.url, known);
  });
  return routes;
}

/**
 * A known path with an unknown method answers 405 with the allowed ones; `refuse` throws the error
 * its API answers with, so the context's error handler writes it (as it does a 415 met first).
 * `under` is the prefix `app` was registered with: its routes are declared without it.
 */
export function answerWrongMethods(app: FastifyInstance, routes: Map<string, Set<string>>, refuse: (req: FastifyRequest, detail: string) => Error, under = ''): void {
  for (const [url, methods] of [...routes]) {
    const missing = METHODS.filter((m) => !methods.has(m));
    if (missing.length === 0) continue;
    const allow = [...methods].filter((m) => m !== 'HEAD').join(', ');
    app.route({
      method: missing, url: url.slice(under.length), schema: { hide: true }, config: { methodNotAllowed: true },
      handler: async (req, reply) => {
        reply.header('allow', allow);
        throw refuse(req, `${req.method} is not allowed on ${url}; allowed: ${allow}.`);
      },
    });
  }
}

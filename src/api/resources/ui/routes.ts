import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../errors.js';

/** dist/src/api/resources/ui/routes.js → dist/ui, where `npm run build:ui` puts the console. */
const BUILT = fileURLToPath(new URL('../../../../ui/', import.meta.url));

/** The console talks to this origin's API only, and is never framed. */
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface UiOptions {
  /** The built console; the default is the one beside this file in dist/. */
  root?: string;
}

/**
 * The web console at /ui: static files built at install time. Its paths (/ui/nodes/<uuid>) are
 * the app's own, so anything that is not a file answers index.html; hashed assets are cached.
 */
export const uiRoutes: FastifyPluginAsync<UiOptions> = async (app, { root = BUILT }) => {
  const schema = { hide: true };
  if (!existsSync(join(root, 'index.html'))) {
    const unbuilt = async (req: FastifyRequest, reply: FastifyReply) => reply.code(503).send(errorBody(req.id, 503,
      'The web console was not built: run `npm run build:ui`, then restart covalence.', 'Console Not Built'));
    app.get('/ui', { schema }, unbuilt);
    app.get('/ui/*', { schema }, unbuilt);
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });

  const index = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').header('content-security-policy', CSP)
    .sendFile('index.html', { cacheControl: false });

  // The router ignores trailing slashes, so this one route is both /ui and /ui/.
  app.get('/ui', { schema }, async (req, reply) => {
    const [path, query] = req.url.split(/\?(.*)/s);
    return path.endsWith('/') ? index(reply) : reply.redirect(`/ui/${query ? `?${query}` : ''}`);
  });
  app.get('/ui/*', { schema }, async (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    if (path.startsWith('assets/')) return reply.sendFile(path, { immutable: true, maxAge: '365d' });
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path) : index(reply);
  });
};

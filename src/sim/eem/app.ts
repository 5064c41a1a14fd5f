// The simulator's Fastify application, without a listening socket: auth first, then the EEM API
// under its base path and the control API beside it.
import Fastify, { type FastifyInstance } from 'fastify';
import { basicAuth } from './auth.js';
import { CONTROL_PREFIX, controlRoutes } from './control-routes.js';
import { eemRoutes } from './eem-routes.js';
import { installErrorHandling } from './http-errors.js';
import type { SimState } from './sim-state.js';

export interface EemAppOptions {
  /** Normalised: '' or '/eem'-like, without a trailing slash. */
  base: string;
  user: string;
  password: string;
  logger: boolean;
}

export function buildEemApp(state: SimState, opts: EemAppOptions): FastifyInstance {
  // A simulator is stopped, not drained: close() ends keep-alive connections too.
  const app = Fastify({ logger: opts.logger, forceCloseConnections: true });
  installErrorHandling(app);
  app.addHook('onRequest', basicAuth(opts.user, opts.password));
  app.register(eemRoutes(state, opts.base), { prefix: opts.base });
  app.register(controlRoutes(state), { prefix: CONTROL_PREFIX });
  return app;
}

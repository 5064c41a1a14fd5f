import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Caller, Core } from '../../core/index.js';
import { callerOf, tokenOf } from '../access.js';
import { notFound } from './not-found.js';
import { collection, link, paths, resource, route, status } from './odata.js';
import { IdParams } from './params.js';

const hide = true;
const Login = Type.Object({ UserName: Type.String({ maxLength: 256 }), Password: Type.String({ maxLength: 4096 }) });

/**
 * Sessions over covalence's tokens (issue 18: "a SessionService that issues a token for a token").
 * The login's password is a covalence token; the session's X-Auth-Token is that same token, so a
 * session is exactly as strong, as long-lived and as revocable (`covalence token revoke`) as the
 * token, and no second secret is stored. A session is named by the token's hash, and each caller
 * sees only their own; DELETE (sushy's logout) ends nothing the token does not.
 */
export const sessionRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  app.get(route(paths.sessionService), { schema: { hide } }, async () => ({
    ...resource('SessionService', paths.sessionService, 'SessionService', 'Session Service'),
    ServiceEnabled: true,
    SessionTimeout: 86400,
    Status: status('Enabled', 'OK'),
    Sessions: link(paths.sessions),
  }));

  app.post(route(paths.sessions), { schema: { hide, body: Login } }, async (req, reply) => {
    const caller = await core.authenticate(req.body.Password);
    const id = sessionId(req.body.Password);
    return reply.code(201).header('x-auth-token', req.body.Password).header('location', paths.session(id)).send(sessionView(id, caller));
  });

  app.get(route(paths.sessions), { schema: { hide } }, async (req) => {
    const token = tokenOf(req);
    return collection('SessionCollection', paths.sessions, 'Sessions', token === undefined ? [] : [paths.session(sessionId(token))]);
  });

  app.get(route(paths.session(':id')), { schema: { hide, params: IdParams } }, async (req) => sessionView(ownSession(req.params.id, tokenOf(req)), callerOf(req)));

  app.delete(route(paths.session(':id')), { schema: { hide, params: IdParams } }, async (req, reply) => {
    ownSession(req.params.id, tokenOf(req));
    return reply.code(204).send();
  });
};

const sessionId = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 32);

function ownSession(id: string, token: string | undefined): string {
  if (token === undefined || sessionId(token) !== id) throw notFound('Session', id);
  return id;
}

function sessionView(id: string, caller: Caller) {
  return {
    ...resource('Session', paths.session(id), id, `Session of ${caller.userName}`),
    UserName: caller.userName,
    Password: null,
    SessionType: 'Redfish',
    Oem: { Covalence: { Project: caller.project, Role: caller.role } },
  };
}

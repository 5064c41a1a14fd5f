import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CoreError, hasRole, type Caller, type Core } from '../core/index.js';
import { fallbackRule, ruleOf } from './policy.js';
import type { Rule } from './rule.js';
import { setCurrentCaller } from '../telemetry/request-context.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The 405 answer of a known path (app.ts): it takes its path's rule instead of one of its own. */
    methodNotAllowed?: boolean;
  }
  interface FastifyRequest {
    /** Who is calling; null on routes anyone may call. */
    caller: Caller | null;
    /** The uuid of what the request created, for the audit trail. */
    createdUuid: string | null;
  }
}

/**
 * Who may do what, before anything else happens to a request: the token is checked and the route's
 * rule applied as soon as the route is known (before the body is even read), so a stranger's request
 * is refused without being parsed. Changes are written to the audit trail before their answer leaves.
 */
export function installAccessControl(app: FastifyInstance, core: Core): void {
  app.decorateRequest('caller', null);
  app.decorateRequest('createdUuid', null);

  app.addHook('onRequest', async (req, reply) => {
    const rule = ruleFor(req);
    if (rule.allow === 'anyone') return;
    try {
      req.caller = await core.authenticate(tokenOf(req));
      setCurrentCaller(`${req.caller.userName}@${req.caller.project}`);
    } catch (err) {
      if (err instanceof CoreError && err.kind === 'unauthenticated') reply.header('www-authenticate', 'Bearer realm="covalence"');
      throw err;
    }
    if (!hasRole(req.caller, rule.allow)) {
      throw new CoreError('forbidden', `The role '${req.caller.role}' may not ${req.method} ${req.routeOptions.url ?? req.url}; it needs '${rule.allow}'.`);
    }
  });

  app.addHook('preSerialization', async (req, _reply, payload: unknown) => {
    const uuid = (payload as { uuid?: unknown } | null)?.uuid;
    if (typeof uuid === 'string') req.createdUuid = uuid;
    return payload;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const audit = ruleFor(req).audit;
    if (audit === undefined || req.caller === null) return payload;
    const action = typeof audit === 'function' ? audit(req) : audit;
    if (action === null) return payload;
    const status = reply.statusCode;
    const event = { action, status, target: targetOf(req), result: status < 400 ? 'success' as const : status === 403 ? 'denied' as const : 'failure' as const };
    try {
      await core.audit.record({ actor: req.caller, requestId: req.id, ...event });
    } catch (err) {
      // The change is done (or refused) either way; its answer must say so, not turn into a 500.
      req.log.error({ err: String(err), audit: event }, 'could not write the audit record');
    }
    return payload;
  });
}

/** The resource the route names (v1's `uuid`, Redfish's `id`), else the one it created, else the pod manager named in the body. */
function targetOf(req: FastifyRequest): string | null {
  const params = req.params as { uuid?: unknown; id?: unknown };
  const candidates = [params.uuid, params.id, req.createdUuid, (req.body as { podm_id?: unknown } | undefined)?.podm_id];
  const found = candidates.find((c): c is string => typeof c === 'string');
  return found === undefined ? null : found.slice(0, 128);
}

/** The caller of a route that needs one; a route that calls this must not be open to anyone. */
export function callerOf(req: FastifyRequest): Caller {
  if (req.caller === null) throw new Error(`${req.method} ${req.routeOptions.url} needs a caller but its rule lets anyone in`);
  return req.caller;
}

function ruleFor(req: FastifyRequest): Rule {
  return (req.routeOptions.url !== undefined && ruleOf(req.method, req.routeOptions.url)) || fallbackRule(req.routeOptions.url);
}

/**
 * `X-Auth-Token` (the OpenStack habit, and Redfish's session header), else `Authorization: Bearer`;
 * on the Redfish routes also HTTP Basic with the token as the password (the user name is not
 * checked: the token says who is calling), since Redfish clients must be able to use Basic.
 */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-auth-token'];
  if (typeof header === 'string' && header !== '') return header;
  const [, scheme, credentials] = /^(Bearer|Basic) +(\S+) *$/i.exec(req.headers.authorization ?? '') ?? [];
  if (scheme?.toLowerCase() === 'bearer') return credentials;
  if (scheme?.toLowerCase() === 'basic' && req.url.startsWith('/redfish/')) {
    const decoded = Buffer.from(credentials!, 'base64').toString('utf8');
    return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) || undefined : undefined;
  }
  return undefined;
}

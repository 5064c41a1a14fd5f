import type { FastifyRequest, HTTPMethods } from 'fastify';
import type { Role } from '../shared/vocabulary.js';

/** Who may call a route: anyone, even without a token, or an authenticated caller holding at least this role. */
export type Allow = 'anyone' | Role;

export interface Rule {
  readonly allow: Allow;
  /**
   * The action a change is recorded as in the audit trail (`GET /v1/audit`); reads are not recorded.
   * A function may look at the request, and answer null for a request that changes nothing.
   */
  readonly audit?: string | ((req: FastifyRequest) => string | null);
}

const anyone = { allow: 'anyone' } as const;
const reader = { allow: 'reader' } as const;

/**
 * Every route and what it needs: the one policy table (README, "Security"). A route that is missing
 * here stops the app from being built (see app.ts), and a rule without a route fails a test, so
 * table and routes cannot drift. Ownership (a member acts only on their project's nodes) is core's
 * rule, in core/nodes.ts.
 */
export const POLICY = {
  // Discovery, health and the console's files: no token needed, none of them holds a secret.
  'GET /': anyone,
  'GET /v1': anyone,
  'GET /v1/openapi.json': anyone,
  'GET /healthz': anyone,
  'GET /readyz': anyone,
  'GET /metrics': anyone,
  'GET /ui': anyone,
  'GET /ui/*': anyone,
  'OPTIONS *': anyone, // CORS preflight, when --cors-origin is set: browsers send no token with it

  'GET /v1/pod_managers': reader,
  'GET /v1/pod_managers/:uuid': reader,
  'POST /v1/pod_managers': { allow: 'admin', audit: 'pod_manager.create' },
  'PATCH /v1/pod_managers/:uuid': { allow: 'admin', audit: 'pod_manager.update' },
  'DELETE /v1/pod_managers/:uuid': { allow: 'admin', audit: 'pod_manager.delete' },

  'GET /v1/devices': reader,
  'GET /v1/devices/:uuid': reader,
  'POST /v1/devices/sync': { allow: 'admin', audit: 'devices.sync' },

  'GET /v1/systems': reader,
  'GET /v1/systems/:id': reader,

  'GET /v1/flavors': reader,
  'GET /v1/flavors/:uuid': reader,
  'POST /v1/flavors': { allow: 'admin', audit: 'flavor.create' },
  'PATCH /v1/flavors/:uuid': { allow: 'admin', audit: 'flavor.update' },
  'DELETE /v1/flavors/:uuid': { allow: 'admin', audit: 'flavor.delete' },

  'GET /v1/nodes': reader,
  'GET /v1/nodes/:uuid': reader,
  'POST /v1/nodes': { allow: 'member', audit: (req) => ((req.query as { dry_run?: string }).dry_run === 'true' ? null : 'node.compose') },
  'POST /v1/nodes/manage': { allow: 'member', audit: 'node.manage' },
  'DELETE /v1/nodes/:uuid': { allow: 'member', audit: 'node.decompose' },
  'POST /v1/nodes/:uuid/action': { allow: 'member', audit: (req) => `node.${actionName(req.body)}` },
  'POST /v1/nodes/:uuid/register': { allow: 'member', audit: 'node.register' },
  'POST /v1/nodes/:uuid/deregister': { allow: 'member', audit: 'node.deregister' },

  'GET /v1/audit': { allow: 'admin' },
} as const satisfies Record<`${HTTPMethods} ${string}`, Rule>;

type PolicyKey = keyof typeof POLICY;

/** The rule of a route; HEAD is GET's. */
export function ruleOf(method: string, url: string): Rule | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return key in POLICY ? POLICY[key as PolicyKey] : undefined;
}

const STRICTNESS: readonly Allow[] = ['anyone', 'reader', 'member', 'admin'];

/**
 * What a request the routes do not answer needs: a wrong method on a known path (405) needs what
 * that path's most open route needs; an unknown path (404) needs a token, so that the map of
 * routes is not told to strangers.
 */
export function fallbackRule(url: string | undefined): Rule {
  const allows = Object.entries(POLICY).filter(([key]) => url !== undefined && key.endsWith(` ${url}`)).map(([, rule]) => rule.allow);
  return { allow: allows.length === 0 ? 'reader' : STRICTNESS.find((a) => allows.includes(a))! };
}

/** `{"attach": …}` → attach; anything else (refused by the schema later) → action. */
function actionName(body: unknown): string {
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  return keys.length === 1 && /^[A-Za-z]{1,16}$/.test(keys[0]!) ? keys[0]!.toLowerCase() : 'action';
}

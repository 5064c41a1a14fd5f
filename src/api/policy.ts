import { auditPolicy } from './resources/audit/policy.js';
import { eventPolicy } from './resources/events/policy.js';
import { subscriptionPolicy } from './resources/subscriptions/policy.js';
import { devicePolicy } from './resources/devices/policy.js';
import { flavorPolicy } from './resources/flavors/policy.js';
import { nodePolicy } from './resources/nodes/policy.js';
import { operabilityPolicy } from './resources/operability/policy.js';
import { podManagerPolicy } from './resources/pod-managers/policy.js';
import { redfishPolicy } from './redfish/policy.js';
import { rootPolicy } from './resources/root/policy.js';
import { systemPolicy } from './resources/systems/policy.js';
import { uiPolicy } from './resources/ui/policy.js';
import { anyone, type Allow, type Policy, type Rule } from './rule.js';

/**
 * Every route and what it needs: the one policy table (README, "Security"), joined from each
 * resource's own. A route that is missing here stops the app from being built (see app.ts), and a
 * rule without a route fails a test, so table and routes cannot drift. Ownership (a member acts only
 * on their project's nodes) is core's rule.
 */
export const POLICY = {
  ...rootPolicy,
  ...operabilityPolicy,
  ...uiPolicy,
  'OPTIONS *': anyone, // CORS preflight, when --cors-origin is set: browsers send no token with it
  ...podManagerPolicy,
  ...devicePolicy,
  ...systemPolicy,
  ...flavorPolicy,
  ...nodePolicy,
  ...auditPolicy,
  ...redfishPolicy,
  ...eventPolicy,
  ...subscriptionPolicy,
} as const satisfies Policy;

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

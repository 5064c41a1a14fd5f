import { reader, type Policy } from '../../rule.js';

// A member acts only on their own project's nodes: that is core's rule, not the table's.
export const nodePolicy = {
  'GET /v1/nodes': reader,
  'GET /v1/nodes/:uuid': reader,
  'POST /v1/nodes': { allow: 'member', audit: (req) => ((req.query as { dry_run?: string }).dry_run === 'true' ? null : 'node.compose') },
  'POST /v1/nodes/manage': { allow: 'member', audit: 'node.manage' },
  'DELETE /v1/nodes/:uuid': { allow: 'member', audit: 'node.decompose' },
  'POST /v1/nodes/:uuid/action': { allow: 'member', audit: (req) => `node.${actionName(req.body)}` },
  'POST /v1/nodes/:uuid/register': { allow: 'member', audit: 'node.register' },
  'POST /v1/nodes/:uuid/deregister': { allow: 'member', audit: 'node.deregister' },
} as const satisfies Policy;

/** `{"attach": …}` → attach; anything else (refused by the schema later) → action. */
function actionName(body: unknown): string {
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  return keys.length === 1 && /^[A-Za-z]{1,16}$/.test(keys[0]!) ? keys[0]!.toLowerCase() : 'action';
}

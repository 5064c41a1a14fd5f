import type { Policy } from '../../rule.js';

// Members subscribe to what they may read; only a subscription's owner and admins see, delete or replay it (core's rule).
export const subscriptionPolicy = {
  'GET /v1/subscriptions': { allow: 'member' },
  'POST /v1/subscriptions': { allow: 'member', audit: 'subscription.create' },
  'GET /v1/subscriptions/:uuid': { allow: 'member' },
  'DELETE /v1/subscriptions/:uuid': { allow: 'member', audit: 'subscription.delete' },
  'GET /v1/subscriptions/:uuid/dead_letters': { allow: 'member' },
  'POST /v1/subscriptions/:uuid/dead_letters/replay': { allow: 'member', audit: 'subscription.replay' },
} as const satisfies Policy;

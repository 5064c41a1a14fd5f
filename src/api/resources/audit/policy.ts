import type { Policy } from '../../rule.js';

export const auditPolicy = {
  'GET /v1/audit': { allow: 'admin' },
} as const satisfies Policy;

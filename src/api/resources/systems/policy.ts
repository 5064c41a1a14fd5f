import { reader, type Policy } from '../../rule.js';

export const systemPolicy = {
  'GET /v1/systems': reader,
  'GET /v1/systems/:id': reader,
  'POST /v1/systems/:id/action': { allow: 'admin', audit: 'system.locate' },
} as const satisfies Policy;

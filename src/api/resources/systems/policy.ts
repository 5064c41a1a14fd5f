import { reader, type Policy } from '../../rule.js';

export const systemPolicy = {
  'GET /v1/systems': reader,
  'GET /v1/systems/:id': reader,
} as const satisfies Policy;

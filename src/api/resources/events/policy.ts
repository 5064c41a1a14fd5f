import { reader, type Policy } from '../../rule.js';

// Readers read; a project sees its own nodes' events and the pool's (core's rule). Nobody writes.
export const eventPolicy = {
  'GET /v1/events': reader,
  'GET /v1/events/stream': reader,
} as const satisfies Policy;

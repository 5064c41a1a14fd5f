import { anyone, type Policy } from '../../rule.js';

// The console's static files: the browser logs in after it has loaded them.
export const uiPolicy = {
  'GET /ui': anyone,
  'GET /ui/*': anyone,
} as const satisfies Policy;

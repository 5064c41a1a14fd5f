import { anyone, type Policy } from '../../rule.js';

// Discovery: no token needed, nothing here holds a secret.
export const rootPolicy = {
  'GET /': anyone,
  'GET /v1': anyone,
  'GET /v1/openapi.json': anyone,
} as const satisfies Policy;

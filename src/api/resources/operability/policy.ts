import { anyone, type Policy } from '../../rule.js';

// Probes and metrics: the supervisor and Prometheus carry no token, and none of them holds a secret.
export const operabilityPolicy = {
  'GET /healthz': anyone,
  'GET /readyz': anyone,
  'GET /metrics': anyone,
} as const satisfies Policy;

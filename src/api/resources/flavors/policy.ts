import { reader, type Policy } from '../../rule.js';

export const flavorPolicy = {
  'GET /v1/flavors': reader,
  'GET /v1/flavors/:uuid': reader,
  'POST /v1/flavors': { allow: 'admin', audit: 'flavor.create' },
  'PATCH /v1/flavors/:uuid': { allow: 'admin', audit: 'flavor.update' },
  'DELETE /v1/flavors/:uuid': { allow: 'admin', audit: 'flavor.delete' },
} as const satisfies Policy;

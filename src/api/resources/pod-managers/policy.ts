import { reader, type Policy } from '../../rule.js';

export const podManagerPolicy = {
  'GET /v1/pod_managers': reader,
  'GET /v1/pod_managers/:uuid': reader,
  'POST /v1/pod_managers': { allow: 'admin', audit: 'pod_manager.create' },
  'PATCH /v1/pod_managers/:uuid': { allow: 'admin', audit: 'pod_manager.update' },
  'DELETE /v1/pod_managers/:uuid': {
    allow: 'admin',
    audit: (req) => ((req.query as { forget?: string }).forget === 'true' ? 'pod_manager.forget' : 'pod_manager.delete'),
  },
} as const satisfies Policy;

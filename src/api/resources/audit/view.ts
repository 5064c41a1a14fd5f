import type { Static } from '@sinclair/typebox';
import type { AuditEvent } from '../../../core/index.js';
import type { AuditEventView } from './schemas.js';

export function auditEventView(e: AuditEvent): Static<typeof AuditEventView> {
  return {
    id: e.id,
    time: e.at,
    request_id: e.request_id,
    user_id: e.user_id,
    user_name: e.user_name,
    project: e.project,
    role: e.role,
    action: e.action,
    target: e.target,
    result: e.result,
    status: e.status,
  };
}

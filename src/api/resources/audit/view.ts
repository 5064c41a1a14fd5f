import type { Static } from '@sinclair/typebox';
import type { AuditEvent } from '../../../core/index.js';
import type { AuditEventView } from './schemas.js';

export function auditEventView(e: AuditEvent): Static<typeof AuditEventView> {
  return {
    id: e.id,
    time: e.at,
    request_id: e.requestId,
    user_id: e.userId,
    user_name: e.userName,
    project: e.project,
    role: e.role,
    action: e.action,
    target: e.target,
    result: e.result,
    status: e.status,
  };
}

import { Type } from '@sinclair/typebox';
import { AUDIT_RESULTS, ROLES } from '../../../shared/vocabulary.js';
import { Nullable, NullableEnum, StringEnum } from '../../schemas.js';

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 with a time zone, e.g. 2026-11-25T22:56:34Z' });

export const AuditQuery = Type.Object({
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: "the user's id or name" })),
  project: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'e.g. node.compose, pod_manager.delete' })),
  target: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  result: Type.Optional(StringEnum(AUDIT_RESULTS)),
  since: Type.Optional(Instant),
  until: Type.Optional(Instant),
  limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: '1 to 1000 (default 100)' })),
  marker: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the id of the last event of the previous page' })),
}, { additionalProperties: false });

export const AuditEventView = Type.Object({
  id: Type.String(),
  time: Type.String({ description: 'ISO 8601, UTC, in milliseconds' }),
  request_id: Type.String(),
  user_id: Type.String(),
  user_name: Type.String(),
  project: Nullable(Type.String()),
  role: NullableEnum(ROLES),
  action: Type.String(),
  target: Nullable(Type.String()),
  result: StringEnum(AUDIT_RESULTS),
  status: Type.Union([Type.Integer(), Type.Null()], { description: 'the HTTP status answered; null for the covalence command' }),
});

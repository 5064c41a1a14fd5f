import { Type } from '@sinclair/typebox';
import { DELIVERY_OUTCOMES, EVENT_KINDS } from '../../../shared/vocabulary.js';
import { Nullable, NullableEnum, StringEnum } from '../../schemas.js';

export const SubscriptionBody = Type.Object({
  url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048, description: 'where events are POSTed' }),
  secret: Type.String({ minLength: 16, maxLength: 256, description: 'the HMAC-SHA256 key of the x-covalence-signature header; never shown again' }),
  kinds: Type.Optional(Type.Array(StringEnum(EVENT_KINDS), { maxItems: EVENT_KINDS.length, uniqueItems: true, description: 'none: every kind' })),
  podm_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  node_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "a composed node's uuid" })),
}, { additionalProperties: false });

export const ReplayBody = Type.Object({
  seq: Type.Optional(Type.Integer({ minimum: 1, description: 'one dead letter; none: all of them' })),
}, { additionalProperties: false });

export const SubscriptionView = Type.Object({
  uuid: Type.String(),
  url: Type.String(),
  kinds: Type.Array(StringEnum(EVENT_KINDS)),
  podm_id: Nullable(Type.String()),
  node_id: Nullable(Type.String()),
  project_id: Nullable(Type.String({ description: "the creator's project, whose events it receives; null: every project (an admin's)" })),
  owner: Type.String({ description: "the creator's user id" }),
  created_at: Type.String(),
  status: Type.Object({
    delivered_seq: Type.Integer({ description: 'every event up to this one was delivered or dead-lettered' }),
    delivered: Type.Integer(),
    attempts: Type.Integer({ description: 'failed tries of the next event' }),
    next_attempt_at: Type.String(),
    last_attempt_at: Nullable(Type.String()),
    last_outcome: NullableEnum(DELIVERY_OUTCOMES),
    last_error: Nullable(Type.String()),
    dead_letters: Type.Integer(),
  }),
});

export const DeadLetterView = Type.Object({
  seq: Type.Integer(),
  attempts: Type.Integer(),
  error: Type.String(),
  time: Type.String(),
  replaying: Type.Boolean({ description: 'asked to be delivered again, not tried yet' }),
});

import { Type } from '@sinclair/typebox';
import { EVENT_KINDS } from '../../../shared/vocabulary.js';
import { Nullable, StringEnum } from '../../schemas.js';

const Sequence = { pattern: '^[0-9]{1,15}$' };
const KIND = `(${EVENT_KINDS.map((k) => k.replace('.', '\\.')).join('|')})`;
const KindList = Type.String({
  pattern: `^${KIND}(,${KIND})*$`,
  description: `comma-separated kinds: ${EVENT_KINDS.join(', ')}`,
});

/** The filters of the listing, the stream and webhook subscriptions alike. */
export const EventFilters = {
  kind: Type.Optional(KindList),
  podm_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  node_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "a composed node's uuid" })),
};

export const EventListQuery = Type.Object({
  since: Type.Optional(Type.String({ ...Sequence, description: 'events after this sequence number (default 0: the oldest kept)' })),
  limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: '1 to 1000 (default 100); the next page starts after the last event' })),
  ...EventFilters,
}, { additionalProperties: false });

export const EventStreamQuery = Type.Object({
  since: Type.Optional(Type.String({ ...Sequence, description: 'events after this sequence number (default: from now on); a Last-Event-ID header wins' })),
  ...EventFilters,
}, { additionalProperties: false });

const Change = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const EventView = Type.Object({
  seq: Type.Integer({ description: 'strictly increasing and gap-free across the service' }),
  time: Type.String({ description: 'ISO 8601, UTC, in milliseconds' }),
  kind: StringEnum(EVENT_KINDS),
  target: Type.String({ description: 'the uuid of what changed' }),
  podm_id: Nullable(Type.String()),
  node_id: Nullable(Type.String({ description: 'the composed node concerned' })),
  before: Change,
  after: Change,
  request_id: Nullable(Type.String({ description: 'the API request that made the change; null for what sync observed' })),
  caller: Nullable(Type.String({ description: 'user@project of that request' })),
});

import { Type, type Static } from '@sinclair/typebox';
import { DRIVER_NAMES, POD_MANAGER_STATUSES } from '../../../shared/vocabulary.js';
import { Description, Name, Nullable, PlainText, StringEnum, Timestamp } from '../../schemas.js';

const AuthItems = Type.Object({
  username: Type.String({ minLength: 1 }),
  password: Type.String({ minLength: 1 }),
}, { additionalProperties: false });

const Authentication = Type.Array(Type.Object({
  type: Type.String({ minLength: 1 }),
  auth_items: AuthItems,
}, { additionalProperties: false }), { minItems: 1 });

const Insecure = Type.Boolean({ description: "true: do not verify the EEM's TLS certificate (test setups only)" });

const Location = PlainText({ maxLength: 255 });
const Url = Type.String({ format: 'uri', pattern: '^https?://', description: 'the EEM base URL, e.g. http://10.0.0.5:30500/eem' });

export const PodManagerCreate = Type.Object({
  name: Name,
  url: Url,
  driver: Type.Optional(StringEnum(DRIVER_NAMES, { default: 'expether' })),
  authentication: Authentication,
  description: Type.Optional(Description),
  location: Type.Optional(Location),
  insecure: Type.Optional(Insecure),
}, { additionalProperties: false });
export type PodManagerCreate = Static<typeof PodManagerCreate>;

/**
 * Valence let PATCH change anything; driver and status are fixed here, and url may only re-point
 * the pod manager to another address of the same EEM (see README).
 */
export const PodManagerUpdate = Type.Object({
  name: Type.Optional(Name),
  url: Type.Optional(Url),
  description: Type.Optional(Description),
  location: Type.Optional(Location),
  authentication: Type.Optional(Authentication),
  insecure: Type.Optional(Insecure),
}, { additionalProperties: false });
export type PodManagerUpdate = Static<typeof PodManagerUpdate>;

export const PodManagerView = Type.Object({
  uuid: Type.String(),
  name: Type.String(),
  url: Type.String(),
  driver: Type.String(),
  authentication: Type.Array(Type.Object({
    type: Type.String(),
    auth_items: Type.Object({ username: Type.String(), password: Type.Literal('***') }),
  })),
  insecure: Type.Boolean(),
  status: StringEnum(POD_MANAGER_STATUSES),
  status_detail: Nullable(Type.String()),
  description: Nullable(Type.String()),
  location: Nullable(Type.String()),
  last_sync_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from '../schemas.js';
import { SystemRequest } from './compose-body.js';

// `#CompositionService.Compose` (CompositionService v1_2_0): a manifest of ComposeSystem stanzas,
// previewed, reserved or applied. Only the Manifest format and the ComposeSystem stanza are served.

export const REQUEST_TYPES = ['Preview', 'PreviewReserve', 'Apply'] as const;

export const Stanza = Type.Object({
  StanzaType: StringEnum(['ComposeSystem']),
  StanzaId: Type.String({ minLength: 1, maxLength: 128 }),
  Request: SystemRequest,
  Response: Type.Optional(Type.Unknown()),
}, { additionalProperties: false });

export const ComposeAction = Type.Object({
  RequestFormat: StringEnum(['Manifest']),
  RequestType: StringEnum(REQUEST_TYPES),
  Manifest: Type.Optional(Type.Object({
    Description: Type.Optional(Type.String({ maxLength: 1024 })),
    Timestamp: Type.Optional(Type.String({ maxLength: 64 })),
    Expand: Type.Optional(StringEnum(['None', 'All', 'Relevant'])),
    Stanzas: Type.Array(Stanza, { maxItems: 32 }),
  }, { additionalProperties: false })),
  ReservationId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
}, { additionalProperties: false });
export type ComposeAction = Static<typeof ComposeAction>;
export type Stanza = Static<typeof Stanza>;

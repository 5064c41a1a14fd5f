import { Type, type Static } from '@sinclair/typebox';
import { DEVICE_TYPES } from '../../../shared/vocabulary.js';
import { Description, Name, StringEnum, Timestamp } from '../../schemas.js';

/** Valence's flavor properties, strings as Valence has them (`capacity_mib: "3000"`). */
export const FlavorProperties = Type.Object({
  memory: Type.Optional(Type.Object({
    capacity_mib: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
  }, { additionalProperties: false })),
  processor: Type.Optional(Type.Object({
    total_cores: Type.Optional(Type.String()),
    model: Type.Optional(Type.String()),
  }, { additionalProperties: false })),
  pci_device: Type.Optional(Type.Object({
    type: Type.Optional(Type.Array(StringEnum(DEVICE_TYPES), { maxItems: 16 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const FlavorCreate = Type.Object({
  name: Name,
  description: Type.Optional(Description),
  properties: FlavorProperties,
}, { additionalProperties: false });
export type FlavorCreate = Static<typeof FlavorCreate>;

export const FlavorUpdate = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Description),
  properties: Type.Optional(FlavorProperties),
}, { additionalProperties: false });

export const FlavorView = Type.Object({
  uuid: Type.String(),
  name: Type.String(),
  description: Type.String(),
  properties: FlavorProperties,
  created_at: Timestamp,
  updated_at: Timestamp,
});

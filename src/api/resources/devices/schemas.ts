import { Type } from '@sinclair/typebox';
import { DEVICE_STATES, DEVICE_TYPES, SYNC_STATUSES, TYPE_SOURCES } from '../../../shared/vocabulary.js';
import { Nullable, NullableEnum, StringEnum, Timestamp } from '../../schemas.js';

export const DeviceQuery = Type.Object({
  podm_id: Type.Optional(Type.String()),
  type: Type.Optional(StringEnum(DEVICE_TYPES)),
  state: Type.Optional(StringEnum(DEVICE_STATES)),
  node_id: Type.Optional(Type.String()),
  pooled_group_id: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const DeviceBrief = Type.Object({
  uuid: Type.String(),
  podm_id: Type.String(),
  type: NullableEnum(DEVICE_TYPES),
  state: StringEnum(DEVICE_STATES),
  node_id: Nullable(Type.String()),
  resource_uri: Type.String(),
  pooled_group_id: Type.String(),
  type_source: StringEnum(TYPE_SOURCES, { description: 'fabric: from the board\'s PCIe class; operator: set by an admin where the board reports none' }),
  maintenance: Type.Boolean({ description: 'taken out of service by an admin: never composed or attached' }),
});

/** An admin's settings; `{}` changes nothing. */
export const DeviceUpdate = Type.Object({
  maintenance: Type.Optional(Type.Boolean()),
  maintenance_reason: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  type: Type.Optional(StringEnum(DEVICE_TYPES, { description: 'only where the fabric reports no type (10G boards)' })),
}, { additionalProperties: false });

/** Lights (or puts out) the board's locate (UID) LED. */
export const LocateBody = Type.Object({
  locate: Type.Object({ on: Type.Boolean() }, { additionalProperties: false }),
}, { additionalProperties: false });

export const DeviceView = Type.Composite([DeviceBrief, Type.Object({
  properties: Type.Object({
    device_id: Type.String(),
    mac_address: Type.String(),
    model: Type.String(),
    pcie_class_code: Nullable(Type.String()),
    pcie_vendor_id: Nullable(Type.String()),
    pcie_device_id: Nullable(Type.String()),
  }),
  extra: Type.Object({ vendor_name: Nullable(Type.String()), device_name: Nullable(Type.String()) }),
  maintenance_reason: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
})]);

export const SyncRequest = Type.Union([
  Type.Object({ podm_id: Type.Optional(Type.String({ minLength: 1 })) }, { additionalProperties: false }),
  Type.Null(),
]);

export const SyncReportView = Type.Object({
  podm_id: Type.String(),
  status: StringEnum(SYNC_STATUSES),
  detail: Type.Optional(Type.String()),
  servers: Type.Optional(Type.Integer()),
  added: Type.Optional(Type.Integer()),
  updated: Type.Optional(Type.Integer()),
  offline: Type.Optional(Type.Integer()),
  removed: Type.Optional(Type.Integer()),
  unchanged: Type.Optional(Type.Integer()),
  deferred: Type.Optional(Type.Integer()),
});

import { Type } from '@sinclair/typebox';
import { DEVICE_STATES, DEVICE_TYPES, SYNC_STATUSES } from '../../../shared/vocabulary.js';
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
});

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

import { Type } from '@sinclair/typebox';

export const SystemQuery = Type.Object({
  podm_id: Type.Optional(Type.String({ minLength: 1 })),
}, { additionalProperties: false });

/** Where Valence and its client put `podm_id`: the JSON body of the GET. */
export const SystemBody = Type.Union([SystemQuery, Type.Null()]);

/** Valence's list item; `host_serial_num` is Valence's misspelt key, kept beside the right one. */
export const SystemBrief = Type.Object({
  id: Type.String(),
  resource_uri: Type.String(),
  pooled_group_id: Type.String(),
  type: Type.String(),
  mac_address: Type.String(),
  host_serial_num: Type.String(),
  host_serial_number: Type.String(),
  host_model: Type.String(),
  power_state: Type.String(),
  podm_id: Type.String(),
  max_devices: Type.Integer(),
});

export const SystemView = Type.Object({
  id: Type.String(),
  type: Type.String(),
  pooled_group_id: Type.String(),
  mac_address: Type.String(),
  serial_number: Type.String(),
  name: Type.String(),
  power_state: Type.String(),
  host_model: Type.String(),
  host_serial_number: Type.String(),
  description: Type.String(),
  ee_version: Type.String(),
  update_time: Type.String({ description: 'YYYY-MM-DD HH:MM:SS (UTC), as Valence renders the EEM update_time' }),
  podm_id: Type.String(),
  max_devices: Type.Integer(),
});

import { Type } from '@sinclair/typebox';

/** `:id` of a Redfish resource: a node or device uuid, a `{podm}.{EESV}` block, a reservation. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

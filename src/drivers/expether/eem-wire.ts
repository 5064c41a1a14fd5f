import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

// What covalence reads from the EEM, checked at the boundary so that a malformed answer is a
// `bad_response` naming the call, not a crash deep in core. Unknown extra fields are allowed:
// a newer EEM may add some. Only what a real EEM always sends is required.

const Board = Type.Object({
  id: Type.String({ minLength: 1 }),
  status: Type.String(),
  group_id: Type.String(),
  type: Type.String(),
  mac_address: Type.String(),
  update_time: Type.String(),
  power_status: Type.Optional(Type.String()),
  admin_status: Type.Optional(Type.String()),
  notification_status0: Type.Optional(Type.Array(Type.String())),
  max_eeio_count: Type.Optional(Type.String()),
  pcie_class_code: Type.Optional(Type.String()),
  pcie_vendor_id: Type.Optional(Type.String()),
  pcie_device_id: Type.Optional(Type.String()),
  model: Type.Optional(Type.String()),
  serial_number: Type.Optional(Type.String()),
  host_model: Type.Optional(Type.String()),
  host_serial_number: Type.Optional(Type.String()),
  ee_version: Type.Optional(Type.String()),
});
export type EemBoard = Static<typeof Board>;

/** A listing's boards are checked one by one as they arrive (see EemClient.list); this is the rest of it. */
export const Listing = TypeCompiler.Compile(Type.Object({ devices: Type.Array(Type.Unknown()) }));
export const OneOfListing = TypeCompiler.Compile(Board);
export const IdList = TypeCompiler.Compile(Type.Object({ devices: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) })) }));
export const OneBoard = TypeCompiler.Compile(Type.Object({ device: Board }));
export const GroupAnswer = TypeCompiler.Compile(Type.Object({
  group_id: Type.Optional(Type.String()),
  update_time: Type.Optional(Type.String()),
}));

export const LedAnswer = TypeCompiler.Compile(Type.Object({ uid_led_status: Type.Union([Type.Literal('on'), Type.Literal('off')]) }));

export const EEIO_FREE_GROUP = '4093';
export const EESV_DEFAULT_GROUP = '4094';

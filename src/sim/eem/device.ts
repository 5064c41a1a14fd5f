// The EEM's device record, as it travels on the wire. Each field's schema is declared once here;
// the TypeScript types, the validation of hot-plugged and file-loaded devices, and the tests'
// shape checks all derive from it.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

/** An EEIO in this group is free: in the pool, attached to nothing. */
export const EEIO_FREE_GROUP = '4093';
/** An EESV in this group has no group of its own yet. */
export const EESV_DEFAULT_GROUP = '4094';
/** Group ids a client may assign (inclusive). */
export const ASSIGNABLE_GROUPS = { min: 16, max: 4092 } as const;

export const BOARD_TYPES = ['40g', '10g'] as const;
export type BoardType = (typeof BOARD_TYPES)[number];
export const ROLES = ['eesv', 'eeio'] as const;
export type Role = (typeof ROLES)[number];

/** What a board of each generation is and takes; max_eeio_count is a string on the wire. */
export const BOARD_PROFILES = {
  '40g': { model: 'ExpEther Board (40G)', max_eeio_count: '16' },
  '10g': { model: 'ExpEther Board (10G)', max_eeio_count: '8' },
} as const satisfies Record<BoardType, { model: string; max_eeio_count: string }>;

/** The group a board returns to when its group is deleted. */
export const DEFAULT_GROUP = { eesv: EESV_DEFAULT_GROUP, eeio: EEIO_FREE_GROUP } as const satisfies Record<Role, string>;

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
function literals<const T extends readonly string[]>(values: T): TUnion<Literals<T>> {
  return Type.Union(values.map((v) => Type.Literal(v))) as TUnion<Literals<T>>;
}
const Link = literals(['up', 'down'] as const);
const LinkPair = Type.Tuple([Link, Link]);
const Digits = Type.String({ pattern: '^(0|[1-9][0-9]*)$' });
const hex = (digits: number) => Type.String({ pattern: `^0x[0-9a-f]{${digits}}$` });

/** Every field a board may carry, with the form it must have. */
export const FIELD_SCHEMAS = {
  // The fixtures use 10-digit ids (0x1111111111); real ones are 12 digits derived from the MAC.
  id: Type.String({ pattern: '^0x[0-9a-f]{1,12}$' }),
  status: literals(ROLES),
  type: literals(BOARD_TYPES),
  group_id: Digits,
  mac_address: Type.String({ pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' }),
  update_time: Digits,
  power_status: literals(['on', 'off'] as const),
  notification_status0: LinkPair,
  notification_status1: LinkPair,
  admin_status: literals(['enable', 'disable'] as const),
  monitoring_status: literals(['enable', 'disable'] as const),
  ee_version: Type.String(),
  device_id: Type.String(),
  serial_number: Type.String(),
  model: Type.String(),
  host_serial_number: Type.String(),
  host_model: Type.String(),
  max_eeio_count: Type.String({ pattern: '^([1-9]|1[0-6])$' }),
  downstream_ports: Type.Array(
    Type.Object(
      {
        downstream_port_id: Digits,
        eeio_connection_status: Link,
        eeio_mac_address: Type.String({ pattern: '^$|^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' }),
      },
      { additionalProperties: false },
    ),
  ),
  pcie_class_code: hex(6),
  pcie_vendor_id: hex(4),
  pcie_device_id: hex(4),
} satisfies Record<string, TSchema>;

const F = FIELD_SCHEMAS;
const common = {
  id: F.id,
  group_id: F.group_id,
  mac_address: F.mac_address,
  update_time: F.update_time,
  power_status: F.power_status,
  notification_status0: F.notification_status0,
  notification_status1: F.notification_status1,
  admin_status: F.admin_status,
  monitoring_status: F.monitoring_status,
  ee_version: F.ee_version,
  device_id: F.device_id,
  serial_number: F.serial_number,
  model: F.model,
  host_serial_number: F.host_serial_number,
  host_model: F.host_model,
};
const closed = { additionalProperties: false } as const;

export const EesvDeviceSchema = Type.Object(
  {
    ...common,
    status: Type.Literal('eesv'),
    type: F.type,
    max_eeio_count: F.max_eeio_count,
    downstream_ports: F.downstream_ports,
  },
  closed,
);
/** A 40G EEIO reports the PCIe identity of the card behind it. */
export const Eeio40gDeviceSchema = Type.Object(
  {
    ...common,
    status: Type.Literal('eeio'),
    type: Type.Literal('40g'),
    pcie_class_code: F.pcie_class_code,
    pcie_vendor_id: F.pcie_vendor_id,
    pcie_device_id: F.pcie_device_id,
  },
  closed,
);
/** A 10G EEIO cannot tell what card it holds: it has no pcie_* fields at all. */
export const Eeio10gDeviceSchema = Type.Object(
  { ...common, status: Type.Literal('eeio'), type: Type.Literal('10g') },
  closed,
);
export const EemDeviceSchema = Type.Union([EesvDeviceSchema, Eeio40gDeviceSchema, Eeio10gDeviceSchema]);

export type EesvDevice = Static<typeof EesvDeviceSchema>;
export type Eeio40gDevice = Static<typeof Eeio40gDeviceSchema>;
export type Eeio10gDevice = Static<typeof Eeio10gDeviceSchema>;
export type EeioDevice = Eeio40gDevice | Eeio10gDevice;
/** A device as `GET devices/{id}` shows it; `status` tells the role. */
export type EemDevice = EesvDevice | EeioDevice;
export type DownstreamPort = EesvDevice['downstream_ports'][number];
/** An item of `GET devices`. */
export type EemDeviceSummary = Pick<EemDevice, 'id' | 'status' | 'group_id' | 'type'>;
export type OnOff = EemDevice['power_status'];

/**
 * A board as the fabric stores it: an EESV's downstream ports are not stored but derived from the
 * EEIOs that share its group.
 */
export type Board = Omit<EesvDevice, 'downstream_ports'> | EeioDevice;
export type EesvBoard = Extract<Board, { status: 'eesv' }>;

/** 4093 and 4094 are pools of boards without a group, not PCIe trees. */
export function isDefaultGroup(gid: string): boolean {
  return gid === EEIO_FREE_GROUP || gid === EESV_DEFAULT_GROUP;
}

/** Group ids a client may assign; a loaded topology may hold others (Valence's fixtures use 5678). */
export function isAssignable(gid: string): boolean {
  const n = Number(gid);
  return n >= ASSIGNABLE_GROUPS.min && n <= ASSIGNABLE_GROUPS.max;
}

/** The MAC-derived id of a board: `0x` and the MAC's 12 hex digits. */
export function idFromMac(mac: string): string {
  return `0x${mac.replaceAll(':', '')}`;
}

/** The first port's link state; Valence treats an EEIO whose first port is down as disconnected. */
export function linkUp(board: Pick<Board, 'notification_status0'>): boolean {
  return board.notification_status0[0] === 'up';
}

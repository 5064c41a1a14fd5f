// Every closed list of the domain, declared once: the TypeScript types, the JSON Schema enums of the
// API and the validators are all derived from these tuples.

/** Device types, from the PCI base class of the card behind an EEIO (Valence's names). */
export const DEVICE_TYPES = ['NIC', 'SSD', 'GPU', 'Multi', 'USB', 'ACS', 'SWITCH', 'Unknown'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/**
 * A pooled device's state. Valence knew only free/allocated; `offline` keeps a device (and its uuid)
 * whose link is down or which an operator disabled, `removed` marks one the fabric no longer reports,
 * until the grace period ends.
 */
export const DEVICE_STATES = ['free', 'allocated', 'offline', 'removed'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** A composed node's lifecycle; only `composed` nodes are at rest. */
export const NODE_STATES = ['composing', 'composed', 'decomposing'] as const;
export type NodeState = (typeof NODE_STATES)[number];

export const POD_MANAGER_STATUSES = ['Online', 'Offline', 'AuthError'] as const;
export type PodManagerStatus = (typeof POD_MANAGER_STATUSES)[number];

export const DRIVER_NAMES = ['expether'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Journalled fabric operations. */
export const OPERATION_KINDS = ['compose', 'attach', 'detach', 'decompose', 'register', 'deregister'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** `failed`: ended without its goal, store and fabric agreeing; `stuck`: its undo could not finish, recovery retries it. */
export const OPERATION_STATES = ['running', 'done', 'failed', 'stuck'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

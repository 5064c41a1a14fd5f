// Every closed list of the domain, declared once: the TypeScript types, the JSON Schema enums of the
// API and the validators are all derived from these tuples.

/** Device types, from the PCI base class of the card behind an EEIO (Valence's names). */
export const DEVICE_TYPES = ['NIC', 'SSD', 'GPU', 'Multi', 'USB', 'ACS', 'SWITCH', 'Unknown'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Who said a device's type: its board's PCIe class, or an admin where the board reports none. */
export const TYPE_SOURCES = ['fabric', 'operator'] as const;
export type TypeSource = (typeof TYPE_SOURCES)[number];

/**
 * A pooled device's state. Valence knew only free/allocated; `offline` keeps a device (and its uuid)
 * whose link is down or which an operator disabled, `removed` marks one the fabric no longer reports,
 * until the grace period ends; `orphaned` is one left in a group no server is in (its node's server
 * left the fabric or its group), which only an admin's release returns to the pool.
 */
export const DEVICE_STATES = ['free', 'allocated', 'offline', 'removed', 'orphaned'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/**
 * A composed node's lifecycle. `degraded`: a device it owns is offline, gone or moved away, or a
 * device it does not own appeared in its group; `lost`: its server left the fabric or its group.
 * Sync moves nodes between `composed`, `degraded` and `lost`, both ways.
 */
export const NODE_STATES = ['composing', 'composed', 'degraded', 'lost', 'decomposing'] as const;
export type NodeState = (typeof NODE_STATES)[number];

/** `Conflict`: its EEM reports boards another pod manager already covers (one EEM is one pod manager). */
export const POD_MANAGER_STATUSES = ['Online', 'Offline', 'AuthError', 'Conflict'] as const;
export type PodManagerStatus = (typeof POD_MANAGER_STATUSES)[number];

/**
 * What one pod manager's sync came to: `SUSPECT`, a listing too implausible to apply until a second
 * one agrees; `BUSY`, another process is syncing it.
 */
export const SYNC_STATUSES = ['SUCCESS', 'FAILED', 'BUSY', 'SUSPECT'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const DRIVER_NAMES = ['expether'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Journalled fabric operations. */
export const OPERATION_KINDS = ['compose', 'attach', 'detach', 'decompose', 'register', 'deregister'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** `failed`: ended without its goal, store and fabric agreeing; `stuck`: its undo could not finish, recovery retries it. */
export const OPERATION_STATES = ['running', 'done', 'failed', 'stuck'] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** Roles a caller can hold, least to most: each may do what the ones before it may (README, "Security"). */
export const ROLES = ['reader', 'member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How `covalence serve` tells who is calling (`--auth`). */
export const AUTH_MODES = ['noauth', 'token', 'keystone'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** What came of an audited request: done, refused for lack of a role, or failed otherwise. */
export const AUDIT_RESULTS = ['success', 'denied', 'failure'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/**
 * What an event says happened (core/events). `events.truncated` is not stored: a reader resuming
 * from before the retention window gets it in place of the events it can no longer have.
 */
export const EVENT_KINDS = [
  'node.composed', 'node.managed', 'node.decomposed', 'node.state_changed', 'node.registered', 'node.deregistered',
  'device.attached', 'device.detached', 'device.added', 'device.removed', 'device.state_changed', 'device.changed', 'device.released',
  'pod_manager.created', 'pod_manager.updated', 'pod_manager.deleted', 'pod_manager.status_changed',
  'sync.drift', 'sync.suspect', 'events.truncated',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How one webhook delivery ended. */
export const DELIVERY_OUTCOMES = ['delivered', 'failed', 'dead_lettered'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

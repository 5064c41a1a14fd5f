import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AuditResult, DeliveryOutcome, DeviceState, DeviceType, DriverName, EventKind, NodeState, OperationKind, OperationState, PodManagerStatus, Role, TypeSource,
} from '../shared/vocabulary.js';

/** Set at insert, never updated: identity and ownership cannot drift. */
type SetOnce<T> = ColumnType<T, T, never>;
/** SQLite has no boolean; 0/1 keeps both backends' column types equal. */
type Flag = 0 | 1;

export interface PodManagerTable {
  uuid: SetOnce<string>;
  name: string;
  /** Where the EEM answers; PATCH may re-point it, to the same EEM only (its boards are its identity). */
  url: string;
  driver: SetOnce<DriverName>;
  username: string;
  /** AES-256-GCM sealed password (see core/access/secret-box.ts); never the plaintext. */
  password_sealed: string;
  /** 1: do not verify the EEM's TLS certificate (an explicit opt-out per pod manager). */
  insecure: Flag;
  status: PodManagerStatus;
  status_detail: string | null;
  description: string | null;
  location: string | null;
  last_sync_at: string | null;
  /** A listing sync did not apply, awaiting a second that agrees (JSON: when, digest, counts). */
  suspect_listing: string | null;
  created_at: SetOnce<string>;
  updated_at: string;
}

/** Servers (EESVs) as the last sync saw them: the compose scheduler picks from here. */
export interface ServerTable {
  podm_id: SetOnce<string>;
  eem_id: SetOnce<string>;
  group_id: string;
  generation: string;
  mac_address: string;
  power_on: Flag;
  enabled: Flag;
  max_devices: number;
  model: string;
  serial_number: string;
  host_model: string;
  host_serial_number: string;
  fabric_version: string;
  removed_at: string | null;
  created_at: SetOnce<string>;
  updated_at: string;
}

export interface DeviceTable {
  uuid: SetOnce<string>;
  podm_id: SetOnce<string>;
  /** The fabric's own id of the device (EEIO id); with podm_id, the identity sync matches on. */
  eem_id: SetOnce<string>;
  type: DeviceType | null;
  state: DeviceState;
  /** The fabric id of the server the device is attached to (Valence's `node_id`). */
  node_id: string | null;
  pooled_group_id: string;
  generation: string;
  mac_address: string;
  pcie_vendor_id: string | null;
  pcie_device_id: string | null;
  pcie_class_code: string | null;
  vendor_name: string | null;
  device_name: string | null;
  /** The fabric's change token (EEM update_time), passed back on every change to detect drift. */
  fabric_version: string;
  /** Journal operation holding the device; sync leaves held devices alone. */
  held_by: string | null;
  /** The node that attached (compose, attach) or adopted (manage) it: covalence moves no other. */
  owner_node: string | null;
  /** 1: an admin took it out of service; compose and attach never take it. Sync leaves it alone. */
  maintenance: ColumnType<Flag, Flag | undefined, Flag>;
  maintenance_reason: string | null;
  /** Who said the type: the fabric (its PCIe class), or an operator where the fabric says nothing. */
  type_source: ColumnType<TypeSource, TypeSource | undefined, TypeSource>;
  /** Bumped on every write: sync's compare-and-set token. */
  revision: number;
  removed_at: string | null;
  created_at: SetOnce<string>;
  updated_at: string;
}

export interface NodeTable {
  uuid: SetOnce<string>;
  name: string;
  description: string;
  podm_id: SetOnce<string>;
  /** The server's fabric id (EESV id): Valence's node `index`. */
  node_index: SetOnce<string>;
  state: NodeState;
  /** The group the server had when covalence gave it one; returned on decompose. */
  owned_group_id: string | null;
  /** The node's group on the fabric, once it has one: where its devices are, whoever moves the server. */
  group_id: string | null;
  /** Why the node is not `composed` (degraded, lost, an undo pending), in a sentence; null when nothing is to be said. */
  state_reason: string | null;
  flavor_id: string | null;
  managed_by: string | null;
  ironic_uuid: string | null;
  /** Digest of the register request that made `ironic_uuid`, to tell a repeat from a different one. */
  registration_digest: string | null;
  /** The project that composed or managed the node; only its members (and admins) see it. */
  project_id: SetOnce<string>;
  /** Journal operation holding the node (a lock with holder and purpose). */
  held_by: string | null;
  created_at: SetOnce<string>;
  updated_at: string;
}

export interface FlavorTable {
  uuid: SetOnce<string>;
  name: string;
  description: string;
  /** JSON text of Valence's flavor properties. */
  properties: string;
  created_at: SetOnce<string>;
  updated_at: string;
}

export interface OperationTable {
  id: SetOnce<string>;
  kind: SetOnce<OperationKind>;
  podm_id: SetOnce<string>;
  node_uuid: SetOnce<string>;
  state: OperationState;
  /** JSON text: what the operation intends and how far it got (see core/nodes/journal.ts). */
  plan: string;
  error: string | null;
  holder: string;
  lease_until: string;
  /** Failed tries to finish a `stuck` operation; the next waits twice as long as the last. */
  attempts: ColumnType<number, number | undefined, number>;
  /** When a `stuck` operation is tried again (its lease runs out then too); null otherwise. */
  next_attempt_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: SetOnce<string>;
  updated_at: string;
}

/** One sync per pod manager at a time, across processes: a lease row with expiry. */
export interface SyncLeaseTable {
  podm_id: SetOnce<string>;
  holder: string;
  lease_until: string;
}

/** `covalence token create`: the token itself is shown once and only its SHA-256 is kept. */
export interface ApiTokenTable {
  id: SetOnce<string>;
  name: SetOnce<string>;
  token_hash: SetOnce<string>;
  role: SetOnce<Role>;
  project: SetOnce<string>;
  created_at: SetOnce<string>;
}

/** One row per change asked of covalence: who, in which project, what, on what, and how it ended. Never updated. */
export interface AuditEventTable {
  id: SetOnce<string>;
  at: SetOnce<string>;
  request_id: SetOnce<string>;
  user_id: SetOnce<string>;
  user_name: SetOnce<string>;
  /** Null for changes made on the host with the covalence command (tokens, key rotation). */
  project: SetOnce<string | null>;
  role: SetOnce<Role | null>;
  action: SetOnce<string>;
  target: SetOnce<string | null>;
  result: SetOnce<AuditResult>;
  /** The HTTP status answered; null for the command line. */
  status: SetOnce<number | null>;
}

/** One row: advanced by triggers on every write to the inventory (migration 0005). */
export interface PoolRevisionTable {
  id: SetOnce<1>;
  /** A bigint: PostgreSQL answers it as a string. */
  revision: ColumnType<string | number, never, never>;
}

/** A Redfish `PreviewReserve`: the manifest it answered, whose blocks `reserved_blocks` holds until it expires. */
export interface CompositionReservationTable {
  id: SetOnce<string>;
  /** The project of the caller who reserved; only it (and admins) sees or applies the reservation. */
  project: SetOnce<string>;
  client: SetOnce<string>;
  /** JSON text: the stanzas and the blocks each was given (written once its blocks are held). */
  manifest: string;
  created_at: SetOnce<string>;
  expires_at: SetOnce<string>;
}

/** A board (server or device, by fabric id) held by a reservation; unique per board. */
export interface ReservedBlockTable {
  reservation_id: SetOnce<string>;
  podm_id: SetOnce<string>;
  eem_id: SetOnce<string>;
  /** The reservation's, copied so that compose's candidate queries filter without a join. */
  expires_at: SetOnce<string>;
}

/** A request answered 202: it runs in the process that holds it; its answer is kept for its task monitor. */
export interface RedfishTaskTable {
  id: SetOnce<string>;
  project: SetOnce<string>;
  holder: SetOnce<string>;
  state: 'Running' | 'Completed' | 'Exception';
  /** What the request ended with, as the API wrote it (JSON text); null while running. */
  answer: string | null;
  created_at: SetOnce<string>;
  updated_at: string;
}

/**
 * A 64-bit counter: PostgreSQL's driver reads `bigint` as a string, SQLite's as a number; the
 * repositories (events.ts, subscriptions.ts) hand out numbers.
 */
type Seq = ColumnType<number | string, number, number>;

/** The one-row counter that numbers events (see migration 0010): commit order is sequence order. */
export interface EventCounterTable {
  id: SetOnce<number>;
  last: Seq;
  /** The newest sequence number the retention purge removed: resuming from before it is a gap. */
  purged_through: Seq;
}

/** One change covalence made or observed (core/events). Never updated; purged after the retention window. */
export interface EventTable {
  seq: SetOnce<number | string>;
  at: SetOnce<string>;
  kind: SetOnce<EventKind>;
  /** The uuid (or fabric id) of what changed. */
  target: SetOnce<string>;
  podm_id: SetOnce<string | null>;
  /** The composed node the change concerns (its uuid), for filters and for project visibility. */
  node_id: SetOnce<string | null>;
  /** The project that owns that node; null for what every reader may see (the pool, pod managers). */
  project_id: SetOnce<string | null>;
  /** JSON text of the fields that changed, before and after. */
  before: SetOnce<string | null>;
  after: SetOnce<string | null>;
  request_id: SetOnce<string | null>;
  caller: SetOnce<string | null>;
}

/** A webhook: where events are POSTed, which ones, and how far delivery got. */
export interface SubscriptionTable {
  id: SetOnce<string>;
  url: SetOnce<string>;
  /** JSON array of event kinds; empty: every kind. */
  kinds: SetOnce<string>;
  podm_id: SetOnce<string | null>;
  node_id: SetOnce<string | null>;
  /** The HMAC key, sealed like pod manager passwords (re-sealed by key rotation). */
  secret_sealed: string;
  /** The creator's project: a subscription sees what its creator may see (null: an admin's, every project). */
  project_id: SetOnce<string | null>;
  /** The creator's user id; with admins, the only one who may see or delete it. */
  owner: SetOnce<string>;
  /** Every event up to this one was delivered or dead-lettered. */
  delivered_seq: Seq;
  /** Failed tries of the next event. */
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_outcome: DeliveryOutcome | null;
  last_error: string | null;
  delivered: number;
  /** The replica delivering it, until `lease_until`. */
  holder: string | null;
  lease_until: string | null;
  created_at: SetOnce<string>;
}

/** An event a subscription gave up on; `replay` = 1 asks the delivery loop to try it once more. */
export interface DeadLetterTable {
  subscription_id: SetOnce<string>;
  seq: SetOnce<number | string>;
  attempts: number;
  error: string;
  replay: 0 | 1;
  at: string;
}

export interface Database {
  pool_revision: PoolRevisionTable;
  pod_managers: PodManagerTable;
  servers: ServerTable;
  devices: DeviceTable;
  nodes: NodeTable;
  flavors: FlavorTable;
  operations: OperationTable;
  sync_leases: SyncLeaseTable;
  api_tokens: ApiTokenTable;
  audit_events: AuditEventTable;
  composition_reservations: CompositionReservationTable;
  reserved_blocks: ReservedBlockTable;
  redfish_tasks: RedfishTaskTable;
  event_counter: EventCounterTable;
  events: EventTable;
  subscriptions: SubscriptionTable;
  dead_letters: DeadLetterTable;
}

export type PodManagerRow = Selectable<PodManagerTable>;
export type NewPodManager = Insertable<PodManagerTable>;
export type PodManagerPatch = Updateable<PodManagerTable>;
export type ServerRow = Selectable<ServerTable>;
export type NewServer = Insertable<ServerTable>;
export type DeviceRow = Selectable<DeviceTable>;
export type NewDevice = Insertable<DeviceTable>;
export type DevicePatch = Updateable<DeviceTable>;
export type NodeRow = Selectable<NodeTable>;
export type NewNode = Insertable<NodeTable>;
export type NodePatch = Updateable<NodeTable>;
export type FlavorRow = Selectable<FlavorTable>;
export type NewFlavor = Insertable<FlavorTable>;
export type OperationRow = Selectable<OperationTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type NewApiToken = Insertable<ApiTokenTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
export type CompositionReservationRow = Selectable<CompositionReservationTable>;
export type ReservedBlockRow = Selectable<ReservedBlockTable>;
export type RedfishTaskRow = Selectable<RedfishTaskTable>;

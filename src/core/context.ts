import type { Logger } from 'pino';
import type { Store } from '../store/database.js';
import type { SecretBox } from './access/secret-box.js';
import type { DriverPool } from './pool/driver-pool.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { ListingTrustSettings } from './pool/listing-trust.js';
import { WEBHOOK_DENY_DEFAULT } from './events/webhook-targets.js';

export interface CoreSettings extends ListingTrustSettings {
  /** EEM timeouts. */
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** How long a device the fabric no longer reports stays listed as `removed`. */
  readonly removedGraceMs: number;
  /** How long a journalled operation or a sync may run before another process may take it over. */
  readonly leaseMs: number;
  /**
   * How long one journalled operation may spend on the fabric before its remaining calls fail as a
   * timeout (its undo then continues in the background).
   */
  readonly operationTimeoutMs: number;
  /** A failed undo is tried again after this, doubling each time up to `undoRetryCapMs`. */
  readonly undoRetryBaseMs: number;
  readonly undoRetryCapMs: number;
  /** How long a request waits for a node or device held by another operation before answering busy. */
  readonly holdWaitMs: number;
  /** How long a composition reservation (Redfish PreviewReserve) holds its blocks before it ends by itself. */
  readonly reservationMs: number;
  /** How long events are kept; readers resuming from before are told (`events.truncated`). */
  readonly eventRetentionMs: number;
  /** How often a replica looks for events other replicas wrote (its own it reads at once). */
  readonly eventPollMs: number;
  /** Webhooks: tries of one event before it goes to the dead letters, and the backoff between them. */
  readonly webhookMaxAttempts: number;
  readonly webhookRetryBaseMs: number;
  readonly webhookRetryCapMs: number;
  /** How long a receiver may take to answer one delivery. */
  readonly webhookTimeoutMs: number;
  /** Networks webhooks are never delivered to (events/webhook-targets.ts). */
  readonly webhookDeny: readonly string[];
  /** PEM CA bundle the EEMs' certificates are checked against (`--eem-ca-file`); the system's when unset. */
  readonly eemCa?: string;
  /** The PCI ID database (`--pci-ids`); hwdata's usual places when unset. */
  readonly pciIdsPath?: string;
  /** How often each EEM is asked whether it answers (a cheap api_version), for /readyz; 0: never. */
  readonly probeIntervalMs: number;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  removedGraceMs: 10 * 60_000,
  leaseMs: 120_000,
  operationTimeoutMs: 120_000,
  undoRetryBaseMs: 2_000,
  undoRetryCapMs: 300_000,
  holdWaitMs: 10_000,
  eventRetentionMs: 7 * 24 * 3600_000,
  eventPollMs: 1_000,
  webhookMaxAttempts: 8,
  webhookRetryBaseMs: 1_000,
  webhookRetryCapMs: 300_000,
  webhookTimeoutMs: 10_000,
  webhookDeny: WEBHOOK_DENY_DEFAULT,
  probeIntervalMs: 5_000,
  reservationMs: 300_000,
  listingDropShare: 0.5,
  listingConfirmMs: 5_000,
};

/** What every core module works with; built once by the service at start-up. */
export interface CoreContext {
  readonly store: Store;
  readonly log: Logger;
  readonly secrets: SecretBox;
  readonly metrics: Metrics;
  readonly drivers: DriverPool;
  readonly settings: CoreSettings;
  /** This process, as the holder of leases and journal entries. */
  readonly holder: string;
}

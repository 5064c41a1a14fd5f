import type { Logger } from 'pino';
import { createDriver, type PodManagerDriver } from '../drivers/index.js';
import type { Store } from '../store/database.js';
import type { PodManagerRow } from '../store/schema.js';
import type { SecretBox } from './access/secret-box.js';
import type { Metrics } from '../telemetry/metrics.js';

export interface CoreSettings {
  /** EEM timeouts. */
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** How long a device the fabric no longer reports stays listed as `removed`. */
  readonly removedGraceMs: number;
  /** How long a journalled operation or a sync may run before another process may take it over. */
  readonly leaseMs: number;
  /** How long a request waits for a node or device held by another operation before answering busy. */
  readonly holdWaitMs: number;
  /** PEM CA bundle the EEMs' certificates are checked against (`--eem-ca-file`); the system's when unset. */
  readonly eemCa?: string;
}

export const DEFAULT_SETTINGS: CoreSettings = {
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  removedGraceMs: 10 * 60_000,
  leaseMs: 120_000,
  holdWaitMs: 10_000,
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

/**
 * One driver per pod manager, rebuilt when its url or credentials change and closed when it is
 * deleted (Valence cached connections forever, so a PATCH took effect only after a restart).
 */
export class DriverPool {
  private readonly cache = new Map<string, { fingerprint: string; driver: PodManagerDriver }>();

  constructor(
    private readonly secrets: SecretBox,
    private readonly settings: CoreSettings,
    /** Labels a pod manager's calls in the metrics. */
    private readonly watch: (url: string, podmName: string) => void,
  ) {}

  for(podm: Pick<PodManagerRow, 'uuid' | 'name' | 'driver' | 'url' | 'username' | 'password_sealed' | 'insecure'>): PodManagerDriver {
    const fingerprint = `${podm.driver} ${podm.url} ${podm.username} ${podm.password_sealed} ${podm.insecure}`;
    const hit = this.cache.get(podm.uuid);
    if (hit?.fingerprint === fingerprint) return hit.driver;
    void hit?.driver.close();
    const driver = this.connect(podm, this.secrets.open(podm.password_sealed));
    this.cache.set(podm.uuid, { fingerprint, driver });
    this.watch(podm.url, podm.name);
    return driver;
  }

  /** A driver for credentials not stored yet (checking a new or changed pod manager). */
  connect(podm: Pick<PodManagerRow, 'driver' | 'url' | 'username' | 'insecure'>, password: string): PodManagerDriver {
    return createDriver(podm.driver, {
      url: podm.url,
      username: podm.username,
      password,
      ...(this.settings.eemCa !== undefined && { ca: this.settings.eemCa }),
      insecure: podm.insecure === 1,
      connectTimeoutMs: this.settings.connectTimeoutMs,
      readTimeoutMs: this.settings.readTimeoutMs,
    });
  }

  evict(uuid: string): void {
    void this.cache.get(uuid)?.driver.close();
    this.cache.delete(uuid);
  }

  async close(): Promise<void> {
    await Promise.all([...this.cache.values()].map((c) => c.driver.close()));
    this.cache.clear();
  }
}

import { createDriver, PciIds, type PodManagerDriver } from '../../drivers/index.js';
import type { PodManagerRow } from '../../store/schema.js';
import type { SecretBox } from '../access/secret-box.js';
import type { Logger } from 'pino';
import type { CoreSettings } from '../context.js';

/**
 * One driver per pod manager, rebuilt when its url or credentials change and closed when it is
 * deleted (Valence cached connections forever, so a PATCH took effect only after a restart).
 */
export class DriverPool {
  private readonly cache = new Map<string, { fingerprint: string; driver: PodManagerDriver }>();
  /** Shared by every driver, read once; its absence is said at start and in /readyz. */
  readonly pciIds: PciIds;

  constructor(
    private readonly secrets: SecretBox,
    private readonly settings: CoreSettings,
    /** Labels a pod manager's calls in the metrics. */
    private readonly watch: (url: string, podmName: string) => void,
    private readonly log: Logger,
  ) {
    this.pciIds = new PciIds(settings.pciIdsPath ? [settings.pciIdsPath] : undefined);
    if (this.pciIds.source() === null) {
      log.warn({ looked: this.pciIds.paths }, 'no PCI ID database (pci.ids): device vendor_name and device_name stay empty; install hwdata or pciutils, or give --pci-ids');
    }
  }

  /** The driver for a stored pod manager. */
  get(podm: Pick<PodManagerRow, 'uuid' | 'name' | 'driver' | 'url' | 'username' | 'password_sealed' | 'insecure'>): PodManagerDriver {
    const fingerprint = `${podm.driver} ${podm.url} ${podm.username} ${podm.password_sealed} ${podm.insecure}`;
    const hit = this.cache.get(podm.uuid);
    if (hit?.fingerprint === fingerprint) return hit.driver;
    if (hit) this.retire(hit.driver);
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
    }, this.pciIds);
  }

  evict(uuid: string): void {
    const hit = this.cache.get(uuid);
    if (hit) this.retire(hit.driver);
    this.cache.delete(uuid);
  }

  /** Closes a driver no longer used, in the background: a failure to close is only worth a log line. */
  private retire(driver: PodManagerDriver): void {
    driver.close().catch((err: unknown) => {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'closing an old pod manager connection failed');
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.cache.values()].map((c) => c.driver.close()));
    this.cache.clear();
  }
}

import type { DriverName } from '../shared/vocabulary.js';
import type { DriverConnection, PodManagerDriver } from './driver.js';
import { ExpEtherDriver } from './expether/expether-driver.js';
import type { PciIds } from './pci-ids.js';

export type * from './driver.js';
export { FabricError, type FabricErrorKind } from './fabric-error.js';
export { DEFAULT_PCI_IDS_PATHS, PciIds } from './pci-ids.js';

/** The one place that knows which class serves which driver name; `pciIds` names the devices. */
export function createDriver(name: DriverName, conn: DriverConnection, pciIds: PciIds): PodManagerDriver {
  switch (name) {
    case 'expether':
      return new ExpEtherDriver(conn, pciIds);
    default: {
      const unknown: never = name;
      throw new Error(`no driver ${String(unknown)}`);
    }
  }
}

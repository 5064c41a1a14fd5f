import type { DriverName } from '../shared/vocabulary.js';
import type { DriverConnection, PodManagerDriver } from './driver.js';
import { ExpEtherDriver } from './expether/expether-driver.js';
import { PciIds } from './pci-ids.js';

export type * from './driver.js';
export { FabricError, type FabricErrorKind } from './fabric-error.js';

const pciIds = new PciIds();

/** The one place that knows which class serves which driver name. */
export function createDriver(name: DriverName, conn: DriverConnection): PodManagerDriver {
  switch (name) {
    case 'expether':
      return new ExpEtherDriver(conn, pciIds);
    default: {
      const unknown: never = name;
      throw new Error(`no driver ${String(unknown)}`);
    }
  }
}

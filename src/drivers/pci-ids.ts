import { readFileSync } from 'node:fs';

/** Vendor and device names from the PCI ID database (Debian's hwdata), parsed once, lazily. */
export interface PciNames {
  vendorName: string | null;
  deviceName: string | null;
}

export const DEFAULT_PCI_IDS_PATHS = ['/usr/share/hwdata/pci.ids', '/usr/share/misc/pci.ids'];

interface Vendor { name: string; devices: Map<string, string> }

export class PciIds {
  private vendors: Map<string, Vendor> | undefined;
  private path: string | null = null;

  constructor(readonly paths: readonly string[] = DEFAULT_PCI_IDS_PATHS) {}

  /** The file the names come from; null when there is none, and every name is then null. */
  source(): string | null {
    this.table();
    return this.path;
  }

  /** Ids as the fabric reports them (`0x8086`); names are null when the database or the id is absent. */
  lookup(vendorId: string | null, deviceId: string | null): PciNames {
    const vendor = vendorId ? this.table().get(normalise(vendorId)) : undefined;
    return {
      vendorName: vendor?.name ?? null,
      deviceName: (vendor && deviceId && vendor.devices.get(normalise(deviceId))) || null,
    };
  }

  private table(): Map<string, Vendor> {
    this.vendors ??= parse(this.read());
    return this.vendors;
  }

  private read(): string {
    for (const path of this.paths) {
      try {
        const text = readFileSync(path, 'utf8');
        this.path = path;
        return text;
      } catch {
        // try the next location; a missing database only means unnamed devices
      }
    }
    return '';
  }
}

function normalise(id: string): string {
  return id.toLowerCase().replace(/^0x/, '').padStart(4, '0');
}

function parse(text: string): Map<string, Vendor> {
  const vendors = new Map<string, Vendor>();
  let current: Vendor | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('C ')) break; // the device-class section follows the vendors
    if (line === '' || line.startsWith('#') || line.startsWith('\t\t')) continue;
    if (line.startsWith('\t')) {
      const m = /^\t([0-9a-f]{4})\s+(.*)$/.exec(line);
      if (m && current) current.devices.set(m[1]!, m[2]!);
      continue;
    }
    const m = /^([0-9a-f]{4})\s+(.*)$/.exec(line);
    current = m ? { name: m[2]!, devices: new Map() } : undefined;
    if (m) vendors.set(m[1]!, current!);
  }
  return vendors;
}

import type { DeviceType } from '../../shared/vocabulary.js';

/** Device type by PCI base class, the top byte of the 24-bit class code. */
const BY_BASE_CLASS: ReadonlyMap<number, DeviceType> = new Map([
  [0x01, 'SSD'], // mass storage (NVMe is 0x010802)
  [0x02, 'NIC'], // network
  [0x03, 'GPU'], // display / 3D
  [0x04, 'Multi'], // multimedia
  [0x06, 'SWITCH'], // bridge
  [0x0c, 'USB'], // serial bus (Valence's name; covers USB and other serial buses)
  [0x12, 'ACS'], // processing accelerator
]);

/** `0x010802` → SSD. Valence divided by 65536 in floating point and made most real codes Unknown. */
export function deviceTypeOfClass(classCode: string): DeviceType {
  const code = Number.parseInt(classCode, 16);
  if (Number.isNaN(code)) return 'Unknown';
  return BY_BASE_CLASS.get((code >> 16) & 0xff) ?? 'Unknown';
}

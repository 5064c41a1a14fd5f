// Real hardware that generated topologies are made of: PCIe cards with their PCI ids (checked
// against pci.ids) and host servers of real models. Weights give a plausible lab mix.

export const CARD_KINDS = ['NIC', 'SSD', 'GPU', 'ACCELERATOR', 'USB'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export interface PcieCard {
  readonly kind: CardKind;
  readonly name: string;
  readonly pcie_vendor_id: string;
  readonly pcie_device_id: string;
  readonly pcie_class_code: string;
  readonly weight: number;
}

const card = (kind: CardKind, name: string, vendorDevice: string, classCode: string, weight: number): PcieCard => {
  const [vendor, device] = vendorDevice.split(':');
  return { kind, name, pcie_vendor_id: `0x${vendor}`, pcie_device_id: `0x${device}`, pcie_class_code: classCode, weight };
};

const ETHERNET = '0x020000';
const NVME = '0x010802';
const GPU_3D = '0x030200';
const GPU_VGA = '0x030000';
const DISPLAY_OTHER = '0x038000';
const ACCELERATOR = '0x120000';
const USB_XHCI = '0x0c0330';

export const PCIE_CARDS: readonly PcieCard[] = [
  card('NIC', 'Intel Ethernet Controller X710 for 10GbE SFP+', '8086:1572', ETHERNET, 10),
  card('NIC', 'Intel Ethernet Controller XXV710 for 25GbE SFP28', '8086:158b', ETHERNET, 6),
  card('NIC', 'Intel Ethernet Controller E810-C for QSFP', '8086:1592', ETHERNET, 4),
  card('NIC', 'Mellanox ConnectX-5', '15b3:1017', ETHERNET, 8),
  card('NIC', 'Mellanox ConnectX-6 Dx', '15b3:101d', ETHERNET, 5),
  card('NIC', 'Broadcom BCM57414 NetXtreme-E 25Gb', '14e4:16d7', ETHERNET, 3),
  card('SSD', 'Intel SSD DC P4510 (NVMe)', '8086:0a54', NVME, 10),
  card('SSD', 'Samsung PM1733 (NVMe)', '144d:a824', NVME, 7),
  card('SSD', 'Samsung PM983 (NVMe)', '144d:a808', NVME, 5),
  card('SSD', 'Micron 7300 PRO (NVMe)', '1344:51a2', NVME, 4),
  card('SSD', 'KIOXIA CM6 (NVMe)', '1e0f:0007', NVME, 3),
  card('GPU', 'NVIDIA Tesla V100 PCIe 16GB', '10de:1db4', GPU_3D, 6),
  card('GPU', 'NVIDIA A100 SXM4 40GB', '10de:20b0', GPU_3D, 4),
  card('GPU', 'NVIDIA Tesla T4', '10de:1eb8', GPU_3D, 5),
  card('GPU', 'NVIDIA A30 PCIe', '10de:20b7', GPU_3D, 2),
  card('GPU', 'NVIDIA Quadro RTX 4000', '10de:1eb1', GPU_VGA, 2),
  card('GPU', 'AMD Instinct MI100', '1002:738c', DISPLAY_OTHER, 1),
  card('ACCELERATOR', 'Xilinx Alveo U250', '10ee:5004', ACCELERATOR, 3),
  card('ACCELERATOR', 'Xilinx Alveo U50', '10ee:5020', ACCELERATOR, 2),
  card('ACCELERATOR', 'Habana Gaudi HL-2000', '1da3:1000', ACCELERATOR, 1),
  card('USB', 'Renesas uPD720201 USB 3.0 Host Controller', '1912:0014', USB_XHCI, 3),
  card('USB', 'Renesas uPD720202 USB 3.0 Host Controller', '1912:0015', USB_XHCI, 1),
  card('USB', 'ASMedia ASM1142 USB 3.1 Host Controller', '1b21:1242', USB_XHCI, 1),
];

/** A host server model; `serial` shapes its serial number (`9` a digit, `A` a letter or digit). */
export interface ServerModel {
  readonly host_model: string;
  readonly serial: string;
  readonly weight: number;
}

export const SERVER_MODELS: readonly ServerModel[] = [
  { host_model: 'Express5800/R120h-1M', serial: '99A9999', weight: 5 },
  { host_model: 'Express5800/R120h-2M', serial: '99A9999', weight: 4 },
  { host_model: 'PowerEdge R740', serial: 'AAAAAAA', weight: 4 },
  { host_model: 'PowerEdge R650', serial: 'AAAAAAA', weight: 3 },
  { host_model: 'ProLiant DL380 Gen10', serial: 'CZ99AAAAAA', weight: 3 },
  { host_model: 'ThinkSystem SR650', serial: 'J9AAAAAA', weight: 2 },
  { host_model: 'SYS-2029U-TR4', serial: 'S999999X9A99999', weight: 1 },
];

/** Share of boards that are 40G; the rest are the older 10G generation. */
export const SHARE_40G = 0.85;

/** Firmware versions seen per board generation. */
export const EE_VERSIONS = { '40g': ['v4.1', 'v4.2', 'v4.3'], '10g': ['v2.6', 'v2.7'] } as const;

/** The IEEE OUI NEC registered, which ExpEther boards' MAC addresses start with. */
export const NEC_OUI = '8c:df:9d';

/** The card of a catalogue entry, by name (for the named topologies). */
export function cardNamed(name: string): PcieCard {
  const found = PCIE_CARDS.find((c) => c.name === name);
  if (!found) throw new Error(`no catalogue card named ${name}`);
  return found;
}

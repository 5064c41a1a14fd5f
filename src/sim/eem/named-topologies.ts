// Topologies with a name. `valence-fixtures` reproduces the EEM records of OpenStack Valence's
// test fakes (valence-reference §5.4, §5.9) so Valence-derived tests can run unchanged;
// `demo` is a small lab that shows every kind of case out of the box.
import type { BoardInput } from './board-factory.js';
import { cardNamed, type PcieCard } from './catalog.js';

export const TOPOLOGY_NAMES = ['valence-fixtures', 'demo'] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

const pcie = ({ pcie_class_code, pcie_vendor_id, pcie_device_id }: PcieCard) => ({
  pcie_class_code,
  pcie_vendor_id,
  pcie_device_id,
});

/** The fields every Valence fake shares. */
const FAKE = {
  update_time: '1518999910510',
  power_status: 'on',
  notification_status0: ['up', 'down'],
  notification_status1: ['down', 'down'],
  admin_status: 'enable',
  monitoring_status: 'enable',
  ee_version: 'v1.0',
  device_id: '0x00000',
  serial_number: 'abcd 01234',
  host_serial_number: '',
  host_model: '',
} as const satisfies BoardInput;

const eesvFake = (id: string, mac_address: string, type: '40g' | '10g', group_id: string): BoardInput => ({
  ...FAKE,
  id,
  status: 'eesv',
  type,
  group_id,
  mac_address,
  model: type === '40g' ? 'ExpEther Board (40G)' : 'ExpEther Board (10G)',
  max_eeio_count: type === '40g' ? '16' : '8',
});

const eeioFake = (id: string, mac_address: string, extra: BoardInput): BoardInput => ({
  ...FAKE,
  id,
  status: 'eeio',
  type: '40g',
  group_id: '4093',
  mac_address,
  model: 'ExpEther Board (40G)',
  ...extra,
});

const VALENCE_FIXTURES: readonly BoardInput[] = [
  eesvFake('0x1111111111', '11:11:11:11:11:11', '40g', '1234'),
  eesvFake('0x2222222222', '22:22:22:22:22:22', '10g', '5678'),
  eesvFake('0x3333333333', '33:33:33:33:33:33', '40g', '4094'),
  eeioFake('0x7777777777', '77:77:77:77:77:77', pcie(cardNamed('Intel Ethernet Controller X710 for 10GbE SFP+'))),
  eeioFake('0x8888888888', '88:88:88:88:88:88', pcie(cardNamed('Intel SSD DC P4510 (NVMe)'))),
  eeioFake('0x9999999999', '99:99:99:99:99:99', pcie(cardNamed('NVIDIA Quadro RTX 4000'))),
  eeioFake('0xaaaaaaaaaa', 'aa:aa:aa:aa:aa:aa', { type: '10g', model: 'ExpEther Board (10G)' }),
  eeioFake('0xbbbbbbbbbb', 'bb:bb:bb:bb:bb:bb', {
    notification_status0: ['down', 'down'],
    ...pcie(cardNamed('Mellanox ConnectX-5')),
  }),
  eeioFake('0x8cdf9d911cb0', '8c:df:9d:91:1c:b0', { group_id: '1234', ...pcie(cardNamed('Mellanox ConnectX-5')) }),
  eeioFake('0x8cdf9d53e9d8', '8c:df:9d:53:e9:d8', { group_id: '1234', ...pcie(cardNamed('Samsung PM1733 (NVMe)')) }),
];

const server = (host_model: string, group_id = '4094'): BoardInput => ({ status: 'eesv', type: '40g', host_model, group_id });
const io = (card: string, extra: BoardInput = {}): BoardInput => ({
  status: 'eeio',
  type: '40g',
  ...pcie(cardNamed(card)),
  ...extra,
});

/** The fields left out are generated from the seed, like a generated topology's. */
const DEMO: readonly BoardInput[] = [
  server('Express5800/R120h-1M', '16'),
  server('Express5800/R120h-2M'),
  server('PowerEdge R740'),
  server('ProLiant DL380 Gen10'),
  io('Mellanox ConnectX-5', { group_id: '16' }),
  io('Intel SSD DC P4510 (NVMe)', { group_id: '16' }),
  io('Intel Ethernet Controller X710 for 10GbE SFP+'),
  io('Intel Ethernet Controller E810-C for QSFP'),
  io('Mellanox ConnectX-6 Dx'),
  io('Samsung PM1733 (NVMe)'),
  io('Samsung PM983 (NVMe)'),
  io('NVIDIA Tesla V100 PCIe 16GB'),
  io('NVIDIA A100 SXM4 40GB'),
  io('NVIDIA Tesla T4'),
  io('Xilinx Alveo U250'),
  io('Renesas uPD720201 USB 3.0 Host Controller'),
  { status: 'eeio', type: '10g' },
  io('Micron 7300 PRO (NVMe)', { notification_status0: ['down', 'down'] }),
];

export const NAMED_TOPOLOGIES: Record<TopologyName, readonly BoardInput[]> = {
  'valence-fixtures': VALENCE_FIXTURES,
  demo: DEMO,
};

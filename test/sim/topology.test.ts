// Where devices come from: named topologies, generation from a seed, JSON files, and scale.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CARD_KINDS, PCIE_CARDS, startEemSim, type EemDevice } from '../../src/sim/eem/index.js';
import { startSim } from './support.js';

const dir = await mkdtemp(join(tmpdir(), 'eem-sim-topology-'));
after(() => rm(dir, { recursive: true, force: true }));
const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};
const detail = async (topology: Parameters<typeof startEemSim>[0]) => {
  const sim = await startEemSim({ port: 0, ...topology });
  try {
    return sim.fabric.list();
  } finally {
    await sim.close();
  }
};
const byId = (devices: EemDevice[]) => new Map(devices.map((d) => [d.id, d]));

test("valence-fixtures holds Valence's two fake EESVs field for field", async () => {
  const devices = byId(await detail({ topology: { named: 'valence-fixtures' } }));
  const common = {
    status: 'eesv',
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
  };
  const { downstream_ports: _ports1, ...first } = devices.get('0x1111111111') as EemDevice & { downstream_ports: unknown };
  assert.deepEqual(first, {
    ...common,
    id: '0x1111111111',
    type: '40g',
    group_id: '1234',
    mac_address: '11:11:11:11:11:11',
    model: 'ExpEther Board (40G)',
    max_eeio_count: '16',
  });
  const { downstream_ports: _ports2, ...second } = devices.get('0x2222222222') as EemDevice & { downstream_ports: unknown };
  assert.deepEqual(second, {
    ...common,
    id: '0x2222222222',
    type: '10g',
    group_id: '5678',
    mac_address: '22:22:22:22:22:22',
    model: 'ExpEther Board (10G)',
    max_eeio_count: '8',
  });
});

test('valence-fixtures adds an EESV in 4094 and the EEIOs of valence-reference §5.9', async () => {
  const devices = await detail({ topology: { named: 'valence-fixtures' } });
  const eesvs = devices.filter((d) => d.status === 'eesv');
  assert.deepEqual(eesvs.filter((d) => d.group_id === '4094').map((d) => d.id), ['0x3333333333']);
  const eeios = devices.filter((d) => d.status === 'eeio');
  const nic = eeios.find((d) => d.id === '0x7777777777');
  assert.deepEqual(
    nic && [nic.group_id, nic.mac_address, 'pcie_class_code' in nic && nic.pcie_class_code, 'pcie_vendor_id' in nic && nic.pcie_vendor_id],
    ['4093', '77:77:77:77:77:77', '0x020000', '0x8086'],
  );
  const classes = eeios.flatMap((d) => ('pcie_class_code' in d ? [d.pcie_class_code] : []));
  assert.ok(classes.includes('0x010802'), 'an NVMe SSD');
  assert.ok(classes.includes('0x030000'), 'a GPU');
  assert.ok(eeios.some((d) => d.type === '10g' && !('pcie_class_code' in d)), 'a 10G EEIO');
  assert.ok(eeios.some((d) => d.notification_status0[0] === 'down'), 'a link-down EEIO');
  assert.deepEqual(eeios.filter((d) => d.group_id === '1234').map((d) => d.id), ['0x8cdf9d911cb0', '0x8cdf9d53e9d8']);
});

test('demo is a small lab with every kind of device and one server already composed', async () => {
  const devices = await detail({ topology: { named: 'demo' } });
  const servers = devices.filter((d) => d.status === 'eesv');
  const eeios = devices.filter((d) => d.status === 'eeio');
  assert.equal(servers.length, 4);
  assert.equal(eeios.length, 14);
  const composed = servers.filter((d) => d.group_id !== '4094');
  assert.equal(composed.length, 1);
  assert.equal(eeios.filter((d) => d.group_id === composed[0]!.group_id).length, 2);
  assert.ok(servers.every((d) => d.host_model !== '' && d.host_serial_number !== ''));
  assert.equal(eeios.filter((d) => d.type === '10g').length, 1);
  assert.equal(eeios.filter((d) => d.notification_status0[0] === 'down').length, 1);
  const kinds = new Set(eeios.flatMap((d) => ('pcie_vendor_id' in d ? [kindOf(d)] : [])));
  assert.deepEqual([...kinds].sort(), [...CARD_KINDS].sort());
});

test('a generated topology is the same for the same seed and differs for another', async () => {
  const spec = (seed: number) => ({ topology: { generate: { servers: 5, devices: 40, seed } } });
  const [a, b, c] = [await detail(spec(7)), await detail(spec(7)), await detail(spec(8))];
  assert.equal(a.length, 45);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.map((d) => d.id), c.map((d) => d.id));
});

test('generated servers start in 4094, powered on and enabled, with real host models and serials', async () => {
  const servers = (await detail({ topology: { generate: { servers: 60, devices: 0, seed: 3 } } })).filter(
    (d) => d.status === 'eesv',
  );
  assert.equal(servers.length, 60);
  for (const d of servers) {
    assert.deepEqual([d.group_id, d.power_status, d.admin_status, d.monitoring_status], ['4094', 'on', 'enable', 'enable']);
    assert.match(d.host_model, /Express5800|PowerEdge|ProLiant|ThinkSystem|SYS-/);
    assert.match(d.host_serial_number, /^[0-9A-Z]{7,}$/);
  }
  assert.ok(new Set(servers.map((d) => d.host_model)).size >= 4, 'a mix of server models');
});

test('generated EEIOs start free with their link up, as real catalogue cards in a mostly-40G mix', async () => {
  const eeios = (await detail({ topology: { generate: { servers: 0, devices: 400, seed: 11 } } })).filter(
    (d) => d.status === 'eeio',
  );
  assert.equal(eeios.length, 400);
  for (const d of eeios) {
    assert.deepEqual([d.group_id, d.notification_status0[0], d.power_status], ['4093', 'up', 'on']);
    assert.equal(d.id, `0x${d.mac_address.replaceAll(':', '')}`);
    assert.ok(d.mac_address.startsWith('8c:df:9d:'), d.mac_address);
    if (d.type === '40g') assert.notEqual(kindOf(d), undefined, `${d.id} is not a catalogue card`);
  }
  assert.equal(new Set(eeios.map((d) => d.mac_address)).size, 400, 'MAC addresses are unique');
  const share40g = eeios.filter((d) => d.type === '40g').length / eeios.length;
  assert.ok(share40g > 0.75 && share40g < 0.95, `40G share ${share40g}`);
  const kinds = new Set(eeios.flatMap((d) => (d.type === '40g' ? [kindOf(d)] : [])));
  assert.deepEqual([...kinds].sort(), [...CARD_KINDS].sort());
});

test('a JSON file topology loads, fields left out generated', async () => {
  const path = await file(
    'small.json',
    JSON.stringify({
      devices: [
        { status: 'eesv', id: '0x8cdf9d000001', group_id: '20', host_model: 'PowerEdge R650' },
        { status: 'eeio', type: '10g', group_id: '20' },
        { status: 'eeio', pcie_vendor_id: '0x10ee', pcie_device_id: '0x5004' },
      ],
    }),
  );
  const s = await startSim(after, { topology: { file: path } });
  const devices = (await s.eem('GET', 'devices/detail')).body.devices;
  assert.equal(devices.length, 3);
  assert.equal(devices[0].mac_address, '8c:df:9d:00:00:01');
  assert.equal(devices[0].host_model, 'PowerEdge R650');
  assert.equal(devices[0].downstream_ports[0].eeio_mac_address, devices[1].mac_address);
  assert.equal(devices[2].pcie_class_code, '0x120000');
});

test('a saved devices/detail answer loads back as the same topology, from a file or given literally', async () => {
  const original = await startSim(after, { topology: { named: 'demo' } });
  const saved = (await original.eem('GET', 'devices/detail')).text;
  const path = await file('saved.json', saved);
  const fromFile = await startSim(after, { topology: { file: path } });
  assert.deepEqual((await fromFile.eem('GET', 'devices/detail')).body.devices, JSON.parse(saved).devices);
  const literal: EemDevice[] = original.sim.fabric.list();
  assert.deepEqual(await detail({ topology: { devices: literal } }), JSON.parse(saved).devices);
});

test('a bad topology file is refused with a message naming the file and what is wrong', async () => {
  const eesv = (id: string, extra = {}) => ({ status: 'eesv', id, ...extra });
  const cases: [string, string, RegExp][] = [
    ['not-json.json', '{"devices": [', /not valid JSON/],
    ['no-devices.json', '{"servers": []}', /\{"devices": \[\.\.\.\]\}/],
    ['bad-type.json', JSON.stringify({ devices: [eesv('0x01'), eesv('0x02', { type: '25g' })] }), /devices\[1\]\.type/],
    ['duplicate.json', JSON.stringify({ devices: [eesv('0x01'), eesv('0x01')] }), /0x01 already exists/],
    [
      'two-eesvs.json',
      JSON.stringify({ devices: [eesv('0x01', { group_id: '20' }), eesv('0x02', { group_id: '20' })] }),
      /Group 20 already has EESV 0x01/,
    ],
    [
      'too-many.json',
      JSON.stringify({
        devices: [eesv('0x01', { group_id: '20', max_eeio_count: '1' }), ...[1, 2].map(() => ({ status: 'eeio', group_id: '20' }))],
      }),
      /EESV 0x01 of group 20 already has 1 of 1 EEIOs/,
    ],
    ['eeio-in-4094.json', JSON.stringify({ devices: [{ status: 'eeio', group_id: '4094' }] }), /default group of an EESV/],
  ];
  for (const [name, content, message] of cases) {
    const path = await file(name, content);
    await assert.rejects(startEemSim({ port: 0, topology: { file: path } }), (err: Error) => {
      assert.equal(err.name, 'TopologyError', name);
      assert.ok(err.message.includes(path), `${name}: ${err.message}`);
      assert.match(err.message, message, name);
      return true;
    });
  }
  await assert.rejects(startEemSim({ port: 0, topology: { file: join(dir, 'missing.json') } }), /cannot read/);
});

// How fast is measured by bench/eem-listing.ts, not here: a loaded CI machine must not fail the suite.
test('10,000 devices load and answer a full devices/detail listing', async () => {
  const s = await startSim(after, { topology: { generate: { servers: 1000, devices: 10_000, seed: 1 } } });
  const { status, body } = await s.eem('GET', 'devices/detail');
  assert.equal(status, 200);
  assert.equal(body.devices.length, 11_000);
  assert.equal(new Set(body.devices.map((d: EemDevice) => d.id)).size, 11_000, 'every board has its own id');
  assert.equal((await s.eem('GET', 'devices?status=eesv')).body.devices.length, 1000);
});

function kindOf(d: EemDevice): string | undefined {
  if (!('pcie_vendor_id' in d)) return undefined;
  return PCIE_CARDS.find(
    (c) =>
      c.pcie_vendor_id === d.pcie_vendor_id &&
      c.pcie_device_id === d.pcie_device_id &&
      c.pcie_class_code === d.pcie_class_code,
  )?.kind;
}

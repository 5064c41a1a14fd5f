// The control API: hot-plug, unplug, out-of-band changes, call counts and reset.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { PCIE_CARDS } from '../../src/sim/eem/index.js';
import { startSim } from './support.js';

const s = await startSim(after, { topology: { named: 'valence-fixtures' } });
beforeEach(async () => {
  await s.control('POST', 'reset');
});

const device = async (id: string) => (await s.eem('GET', `devices/${id}`)).body.device;

test('hot-plugging a device with a few fields generates the rest, and it shows in listings', async () => {
  const answer = await s.control('POST', 'devices', { status: 'eeio', pcie_class_code: '0x030200' });
  assert.equal(answer.status, 201);
  const plugged = answer.body.device;
  assert.equal(plugged.type, '40g', 'PCIe ids only come from 40G boards');
  assert.equal(plugged.group_id, '4093');
  assert.equal(plugged.id, `0x${plugged.mac_address.replaceAll(':', '')}`);
  assert.match(plugged.mac_address, /^8c:df:9d(:[0-9a-f]{2}){3}$/);
  const card = PCIE_CARDS.find((c) => c.pcie_vendor_id === plugged.pcie_vendor_id && c.pcie_device_id === plugged.pcie_device_id);
  assert.equal(card?.pcie_class_code, '0x030200');
  assert.deepEqual(await device(plugged.id), plugged);
  assert.ok((await s.eem('GET', 'devices?status=eeio')).body.devices.some((d: { id: string }) => d.id === plugged.id));
});

test("a hot-plugged device's status is derived from its fields, and asked for when they do not tell (40010)", async () => {
  const eesv = await s.control('POST', 'devices', { type: '10g', max_eeio_count: '8' });
  assert.equal(eesv.status, 201);
  assert.equal(eesv.body.device.status, 'eesv');
  assert.equal(eesv.body.device.group_id, '4094');
  assert.equal(eesv.body.device.downstream_ports.length, 8);
  const unknown = await s.control('POST', 'devices', { type: '40g' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, '40010');
  assert.match(unknown.body.message, /status/);
});

test('a hot-plug with an invalid field is refused with 40010 naming the field', async () => {
  const cases: [unknown, RegExp][] = [
    [{ status: 'eeio', type: '100g' }, /body\.type: must be one of "40g", "10g"/],
    [{ status: 'eeio', pcie_class_code: '020000' }, /body\.pcie_class_code/],
    [{ status: 'eeio', type: '10g', pcie_vendor_id: '0x8086' }, /10G/],
    [{ status: 'eesv', notification_status0: ['up'] }, /body\.notification_status0/],
    [{ status: 'eesv', colour: 'red' }, /body\.colour/],
    [{ status: 'eeio', pcie_vendor_id: '0x1234' }, /no known card/],
  ];
  for (const [body, message] of cases) {
    const answer = await s.control('POST', 'devices', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.code, '40010', JSON.stringify(body));
    assert.match(answer.body.message, message);
  }
});

test('a hot-plug with an id or MAC address already in use is refused with 40906', async () => {
  for (const body of [
    { status: 'eeio', id: '0x7777777777' },
    { status: 'eeio', mac_address: '77:77:77:77:77:77' },
  ]) {
    const answer = await s.control('POST', 'devices', body);
    assert.equal(answer.status, 409, JSON.stringify(body));
    assert.equal(answer.body.code, '40906', JSON.stringify(body));
  }
});

test("hot-plugging an EEIO into an EESV's group takes a port and bumps the EESV", async () => {
  const before = await device('0x1111111111');
  const plugged = (await s.control('POST', 'devices', { status: 'eeio', group_id: '1234' })).body.device;
  const eesv = await device('0x1111111111');
  assert.equal(eesv.downstream_ports[2].eeio_mac_address, plugged.mac_address);
  assert.ok(Number(eesv.update_time) > Number(before.update_time));
});

test('unplugging an attached EEIO frees its port, bumps the EESV and forgets the device', async () => {
  const before = await device('0x1111111111');
  const answer = await s.control('DELETE', 'devices/0x8cdf9d911cb0');
  assert.equal(answer.status, 200);
  assert.equal(answer.body.device.id, '0x8cdf9d911cb0');
  assert.equal((await s.eem('GET', 'devices/0x8cdf9d911cb0')).status, 404);
  const eesv = await device('0x1111111111');
  assert.equal(eesv.downstream_ports[0].eeio_connection_status, 'down');
  assert.ok(Number(eesv.update_time) > Number(before.update_time));
  assert.equal((await s.control('DELETE', 'devices/0x8cdf9d911cb0')).body.code, '40400');
});

test('unplugging an EESV leaves its EEIOs in their group', async () => {
  assert.equal((await s.control('DELETE', 'devices/0x1111111111')).status, 200);
  assert.deepEqual(
    (await s.eem('GET', 'devices?group_id=1234')).body.devices.map((d: { id: string }) => d.id),
    ['0x8cdf9d911cb0', '0x8cdf9d53e9d8'],
  );
  assert.equal(s.sim.fabric.get('0x1111111111'), undefined);
});

test('PATCH changes link, power and admin state out of band and bumps update_time', async () => {
  const before = await device('0x7777777777');
  const answer = await s.control('PATCH', 'devices/0x7777777777', {
    notification_status0: ['down', 'down'],
    power_status: 'off',
    admin_status: 'disable',
  });
  assert.equal(answer.status, 200);
  const patched = answer.body.device;
  assert.deepEqual(patched.notification_status0, ['down', 'down']);
  assert.equal(patched.power_status, 'off');
  assert.equal(patched.admin_status, 'disable');
  assert.ok(Number(patched.update_time) > Number(before.update_time));
  assert.deepEqual(await device('0x7777777777'), patched);
});

test("PATCH of the link of an EEIO in a group changes its EESV's port and update_time", async () => {
  const before = await device('0x1111111111');
  await s.control('PATCH', 'devices/0x8cdf9d53e9d8', { notification_status0: ['down', 'up'] });
  const eesv = await device('0x1111111111');
  assert.equal(eesv.downstream_ports[1].eeio_connection_status, 'down');
  assert.equal(eesv.downstream_ports[1].eeio_mac_address, '8c:df:9d:53:e9:d8');
  assert.ok(Number(eesv.update_time) > Number(before.update_time));
});

test('PATCH of group_id moves a device without update_time or link checks, but within the group rules', async () => {
  const linkDown = await s.control('PATCH', 'devices/0xbbbbbbbbbb', { group_id: '1234' });
  assert.equal(linkDown.status, 200);
  assert.equal(linkDown.body.device.group_id, '1234');
  const secondEesv = await s.control('PATCH', 'devices/0x3333333333', { group_id: '1234' });
  assert.equal(secondEesv.status, 409);
  assert.equal(secondEesv.body.code, '40903');
  const outOfRange = await s.control('PATCH', 'devices/0x3333333333', { group_id: '5' });
  assert.equal(outOfRange.body.code, '40003');
  assert.equal((await s.control('PATCH', 'devices/0x3333333333', { group_id: null })).body.device.group_id, '16');
});

test('PATCH of any other field is refused with 40011, and nothing changes', async () => {
  const before = await device('0x7777777777');
  for (const body of [{ max_eeio_count: '2' }, { type: '10g' }, { power_status: 'on', mac_address: '00:00:00:00:00:01' }, { power_status: 'dim' }]) {
    const answer = await s.control('PATCH', 'devices/0x7777777777', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.code, '40011', JSON.stringify(body));
  }
  assert.deepEqual(await device('0x7777777777'), before);
});

test('PATCH of an unknown device is 404 with code 40400', async () => {
  const answer = await s.control('PATCH', 'devices/0x0000000001', { power_status: 'off' });
  assert.equal(answer.status, 404);
  assert.equal(answer.body.code, '40400');
});

test('stats count EEM calls by method and route template, faulted ones included, control calls never', async () => {
  await s.control('DELETE', 'stats');
  await s.eem('GET', 'devices/detail?status=eeio');
  await s.eem('GET', 'devices/detail');
  await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' });
  await s.control('POST', 'faults', { path: 'group_id', status: 500 });
  await s.eem('DELETE', 'devices/0x7777777777/group_id');
  await s.eem('GET', 'devices/0x0000000009');
  await s.control('GET', 'faults');
  assert.deepEqual((await s.control('GET', 'stats')).body, {
    total: 5,
    calls: {
      'DELETE devices/{id}/group_id': 1,
      'GET devices/detail': 2,
      'GET devices/{id}': 1,
      'PUT devices/{id}/group_id': 1,
    },
  });
});

test('DELETE /_sim/stats zeroes the counters', async () => {
  await s.eem('GET', 'devices');
  assert.ok((await s.control('GET', 'stats')).body.total > 0);
  assert.deepEqual((await s.control('DELETE', 'stats')).body, { total: 0, calls: {} });
  assert.deepEqual((await s.control('GET', 'stats')).body, { total: 0, calls: {} });
});

test('reset restores the initial topology, update_times included, and clears faults and stats', async () => {
  const initial = (await s.eem('GET', 'devices/detail')).body.devices;
  await s.eem('PUT', 'devices/0x7777777777/group_id', { group_id: '1234' });
  await s.control('DELETE', 'devices/0x2222222222');
  await s.control('POST', 'devices', { status: 'eeio' });
  await s.control('POST', 'faults', { path: 'nothing-matches' });

  const reset = await s.control('POST', 'reset');
  assert.equal(reset.status, 200);
  assert.deepEqual(reset.body, { servers: 3, devices: 7 });
  assert.deepEqual((await s.control('GET', 'faults')).body.faults, []);
  assert.deepEqual((await s.control('GET', 'stats')).body, { total: 0, calls: {} });
  assert.deepEqual((await s.eem('GET', 'devices/detail')).body.devices, initial);
});

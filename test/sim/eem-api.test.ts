// The EEM API's reads, its per-device calls, and its HTTP-level errors, over real HTTP.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { EemDeviceSchema } from '../../src/sim/eem/index.js';
import { ADMIN, startSim } from './support.js';

const s = await startSim(after, { topology: { named: 'valence-fixtures' } });
beforeEach(async () => {
  await s.control('POST', 'reset');
});

const ids = (devices: { id: string }[]) => devices.map((d) => d.id);
const EESVS = ['0x1111111111', '0x2222222222', '0x3333333333'];
const EEIOS = ['0x7777777777', '0x8888888888', '0x9999999999', '0xaaaaaaaaaa', '0xbbbbbbbbbb', '0x8cdf9d911cb0', '0x8cdf9d53e9d8'];

test('api_version answers a version number and a timestamp in milliseconds as a string', async () => {
  const before = Date.now();
  const { status, body } = await s.eem('GET', 'api_version');
  assert.equal(status, 200);
  assert.equal(typeof body.version_number, 'string');
  assert.match(body.timestamp, /^\d+$/);
  assert.ok(Number(body.timestamp) >= before && Number(body.timestamp) <= Date.now());
});

test('devices lists every device as an {id, status, group_id, type} item, in EEM order', async () => {
  const { status, body } = await s.eem('GET', 'devices');
  assert.equal(status, 200);
  assert.deepEqual(ids(body.devices), [...EESVS, ...EEIOS]);
  assert.deepEqual(body.devices[0], { id: '0x1111111111', status: 'eesv', group_id: '1234', type: '40g' });
  assert.match(body.timestamp, /^\d+$/);
});

test('devices filters by status', async () => {
  assert.deepEqual(ids((await s.eem('GET', 'devices?status=eesv')).body.devices), EESVS);
  assert.deepEqual(ids((await s.eem('GET', 'devices?status=eeio')).body.devices), EEIOS);
});

test('devices filters by group_id', async () => {
  const { body } = await s.eem('GET', 'devices?group_id=1234');
  assert.deepEqual(ids(body.devices), ['0x1111111111', '0x8cdf9d911cb0', '0x8cdf9d53e9d8']);
  assert.deepEqual((await s.eem('GET', 'devices?group_id=999')).body.devices, []);
});

test('the status and group_id filters are ANDed', async () => {
  assert.deepEqual(ids((await s.eem('GET', 'devices?status=eeio&group_id=1234')).body.devices), [
    '0x8cdf9d911cb0',
    '0x8cdf9d53e9d8',
  ]);
  assert.deepEqual(ids((await s.eem('GET', 'devices?status=eesv&group_id=1234')).body.devices), ['0x1111111111']);
  assert.deepEqual(ids((await s.eem('GET', 'devices/detail?status=eesv&group_id=4093')).body.devices), []);
});

test('devices/detail answers full records, each matching the device schema of its role and generation', async () => {
  const { status, body } = await s.eem('GET', 'devices/detail');
  assert.equal(status, 200);
  assert.deepEqual(ids(body.devices), [...EESVS, ...EEIOS]);
  for (const device of body.devices) {
    assert.ok(Value.Check(EemDeviceSchema, device), `${device.id} does not match the schema`);
  }
  assert.deepEqual(body.devices[0], (await s.eem('GET', 'devices/0x1111111111')).body.device);
});

test('devices/detail filters like devices', async () => {
  const { body } = await s.eem('GET', 'devices/detail?status=eeio&group_id=4093');
  assert.deepEqual(ids(body.devices), ['0x7777777777', '0x8888888888', '0x9999999999', '0xaaaaaaaaaa', '0xbbbbbbbbbb']);
  assert.ok(body.devices.every((d: { notification_status0?: unknown }) => Array.isArray(d.notification_status0)));
});

test('a status filter other than eesv or eeio is refused with 40007', async () => {
  for (const path of ['devices?status=eesvx', 'devices/detail?status=EEIO', 'devices?status=eesv&status=eeio']) {
    const { status, body } = await s.eem('GET', path);
    assert.equal(status, 400, path);
    assert.equal(body.code, '40007', path);
  }
});

test('devices/{id} answers the device and a timestamp', async () => {
  const { status, body } = await s.eem('GET', 'devices/0x7777777777');
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(body).sort(), ['device', 'timestamp']);
  assert.equal(body.device.id, '0x7777777777');
  assert.equal(body.device.mac_address, '77:77:77:77:77:77');
});

test('an unknown device id is 404 with code 40400 on every per-device call', async () => {
  const calls: [string, string, unknown?][] = [
    ['GET', 'devices/0x0123456789ab'],
    ['PUT', 'devices/0x0123456789ab/group_id', { group_id: '100' }],
    ['DELETE', 'devices/0x0123456789ab/group_id'],
    ['GET', 'devices/0x0123456789ab/uid_led_status'],
    ['PUT', 'devices/0x0123456789ab/uid_led_status', { uid_led_status: 'on' }],
    ['PUT', 'devices/0x0123456789ab/audit'],
  ];
  for (const [method, path, body] of calls) {
    const answer = await s.eem(method, path, body);
    assert.equal(answer.status, 404, `${method} ${path}`);
    assert.deepEqual(answer.body, { code: '40400', message: 'Device 0x0123456789ab not found' });
  }
});

test('a 40G EEIO carries 0x-prefixed PCIe ids and a 10G EEIO carries none of them', async () => {
  const nic = (await s.eem('GET', 'devices/0x7777777777')).body.device;
  assert.equal(nic.pcie_class_code, '0x020000');
  assert.equal(nic.pcie_vendor_id, '0x8086');
  assert.match(nic.pcie_device_id, /^0x[0-9a-f]{4}$/);
  const old = (await s.eem('GET', 'devices/0xaaaaaaaaaa')).body.device;
  assert.equal(old.type, '10g');
  for (const field of ['pcie_class_code', 'pcie_vendor_id', 'pcie_device_id']) assert.equal(field in old, false, field);
});

test("an EESV has max_eeio_count downstream ports, showing the EEIOs of its group", async () => {
  const eesv40 = (await s.eem('GET', 'devices/0x1111111111')).body.device;
  assert.equal(eesv40.max_eeio_count, '16');
  assert.equal(eesv40.downstream_ports.length, 16);
  assert.deepEqual(eesv40.downstream_ports.slice(0, 3), [
    { downstream_port_id: '0', eeio_connection_status: 'up', eeio_mac_address: '8c:df:9d:91:1c:b0' },
    { downstream_port_id: '1', eeio_connection_status: 'up', eeio_mac_address: '8c:df:9d:53:e9:d8' },
    { downstream_port_id: '2', eeio_connection_status: 'down', eeio_mac_address: '' },
  ]);
  const eesv10 = (await s.eem('GET', 'devices/0x2222222222')).body.device;
  assert.equal(eesv10.max_eeio_count, '8');
  assert.equal(eesv10.downstream_ports.length, 8);
  assert.ok(eesv10.downstream_ports.every((p: { eeio_connection_status: string }) => p.eeio_connection_status === 'down'));
});

test('uid_led_status is off at first; turning it on is kept and bumps update_time', async () => {
  const before = (await s.eem('GET', 'devices/0x7777777777')).body.device.update_time;
  assert.equal((await s.eem('GET', 'devices/0x7777777777/uid_led_status')).body.uid_led_status, 'off');
  const put = await s.eem('PUT', 'devices/0x7777777777/uid_led_status', { uid_led_status: 'on' });
  assert.equal(put.status, 200);
  assert.equal(put.body.uid_led_status, 'on');
  assert.ok(Number(put.body.update_time) > Number(before));
  assert.match(put.body.timestamp, /^\d+$/);
  assert.equal((await s.eem('GET', 'devices/0x7777777777/uid_led_status')).body.uid_led_status, 'on');
  assert.equal((await s.eem('GET', 'devices/0x7777777777')).body.device.update_time, put.body.update_time);
});

test('a uid_led_status body without "on" or "off" is refused with 40006', async () => {
  for (const body of [{ uid_led_status: 'blink' }, {}, [], 'on']) {
    const answer = await s.eem('PUT', 'devices/0x7777777777/uid_led_status', JSON.stringify(body));
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.code, '40006', JSON.stringify(body));
  }
});

test('audit answers a new update_time and changes nothing else', async () => {
  const before = (await s.eem('GET', 'devices/0x1111111111')).body.device;
  const { status, body } = await s.eem('PUT', 'devices/0x1111111111/audit');
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(body).sort(), ['timestamp', 'update_time']);
  assert.ok(Number(body.update_time) > Number(before.update_time));
  const afterAudit = (await s.eem('GET', 'devices/0x1111111111')).body.device;
  assert.deepEqual(afterAudit, { ...before, update_time: body.update_time });
});

test('an unknown route under the base is 404 with code 40402 and a JSON body', async () => {
  for (const path of ['nope', 'devices/0x7777777777/nope', 'groups/1234']) {
    const answer = await s.eem('GET', path);
    assert.equal(answer.status, 404, path);
    assert.equal(answer.body.code, '40402', path);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  }
  assert.equal((await s.fetch(`${s.sim.origin}/elsewhere`, { headers: { authorization: ADMIN } })).body.code, '40402');
});

test('a known route called with another method is 405 with code 40500 and an Allow header', async () => {
  const answer = await s.eem('POST', 'devices/0x7777777777/group_id', { group_id: '20' });
  assert.equal(answer.status, 405);
  assert.equal(answer.body.code, '40500');
  assert.equal(answer.headers.get('allow'), 'DELETE, PUT');
  const list = await s.eem('DELETE', 'devices');
  assert.equal(list.status, 405);
  assert.match(list.headers.get('allow') ?? '', /GET/);
});

test('a body that is not JSON is refused with 40000', async () => {
  const answer = await s.eem('PUT', 'devices/0x7777777777/group_id', '{"group_id": "1234"');
  assert.equal(answer.status, 400);
  assert.equal(answer.body.code, '40000');
  assert.equal((await s.eem('GET', 'devices/0x7777777777')).body.device.group_id, '4093');
});

test('a body of another content type is refused with 41500', async () => {
  const answer = await s.fetch(`${s.sim.url}/devices/0x7777777777/group_id`, {
    method: 'PUT',
    headers: { authorization: ADMIN, 'content-type': 'text/plain' },
    body: 'group_id=1234',
  });
  assert.equal(answer.status, 415);
  assert.equal(answer.body.code, '41500');
});

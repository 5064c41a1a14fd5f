// The ExpEther rules a real EEM enforces when group ids change, over real HTTP.
import assert from 'node:assert/strict';
import { after, beforeEach, test } from 'node:test';
import { startSim, type Sim } from './support.js';

const s = await startSim(after, { topology: { named: 'valence-fixtures' } });
beforeEach(async () => {
  await s.control('POST', 'reset');
});

const device = async (id: string, sim: Sim = s) => (await sim.eem('GET', `devices/${id}`)).body.device;
const setGroup = (id: string, body: unknown, sim: Sim = s) => sim.eem('PUT', `devices/${id}/group_id`, body);

test("setting an EEIO's group to an EESV's attaches it: the EESV's next port shows it and the EESV is bumped", async () => {
  const eesvBefore = await device('0x1111111111');
  const { status, body } = await setGroup('0x7777777777', { group_id: '1234' });
  assert.equal(status, 200);
  assert.deepEqual(Object.keys(body).sort(), ['group_id', 'timestamp', 'update_time']);
  assert.equal(body.group_id, '1234');
  const eeio = await device('0x7777777777');
  assert.equal(eeio.group_id, '1234');
  assert.equal(eeio.update_time, body.update_time);
  const eesv = await device('0x1111111111');
  assert.deepEqual(eesv.downstream_ports[2], {
    downstream_port_id: '2',
    eeio_connection_status: 'up',
    eeio_mac_address: '77:77:77:77:77:77',
  });
  assert.ok(Number(eesv.update_time) > Number(eesvBefore.update_time));
  assert.equal(s.sim.fabric.get('0x1111111111')?.update_time, eesv.update_time);
});

test('group_id null gives the device the lowest group id that no device uses', async () => {
  assert.equal((await setGroup('0x3333333333', { group_id: null })).body.group_id, '16');
  assert.equal((await setGroup('0x7777777777', { group_id: '17' })).status, 200);
  assert.equal((await setGroup('0x8888888888', { group_id: null })).body.group_id, '18');
  // Group 17 empties when its only device leaves, and is the lowest free one again.
  assert.equal((await s.eem('DELETE', 'devices/0x7777777777/group_id')).status, 200);
  assert.equal((await setGroup('0x9999999999', { group_id: null })).body.group_id, '17');
  assert.equal((await device('0x9999999999')).group_id, '17');
});

test('DELETE group_id returns an EEIO to 4093 and an EESV to 4094, answering JSON with the new update_time', async () => {
  const eesvBefore = await device('0x1111111111');
  const eeio = await s.eem('DELETE', 'devices/0x8cdf9d911cb0/group_id');
  assert.equal(eeio.status, 200);
  assert.deepEqual(Object.keys(eeio.body).sort(), ['group_id', 'timestamp', 'update_time']);
  assert.equal(eeio.body.group_id, '4093');
  assert.equal((await device('0x8cdf9d911cb0')).group_id, '4093');
  const eesv = await device('0x1111111111');
  assert.deepEqual(eesv.downstream_ports[0], { downstream_port_id: '0', eeio_connection_status: 'down', eeio_mac_address: '' });
  assert.ok(Number(eesv.update_time) > Number(eesvBefore.update_time));

  const server = await s.eem('DELETE', 'devices/0x1111111111/group_id');
  assert.equal(server.status, 200);
  assert.equal(server.body.group_id, '4094');
  assert.equal((await device('0x1111111111')).group_id, '4094');
});

test("an update_time equal to the device's is accepted and a stale one is refused with 40900", async () => {
  const current = (await device('0x7777777777')).update_time;
  const stale = await setGroup('0x7777777777', { group_id: '1234', update_time: String(Number(current) - 1) });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, '40900');
  assert.equal((await device('0x7777777777')).group_id, '4093');

  const fresh = await setGroup('0x7777777777', { group_id: '1234', update_time: current });
  assert.equal(fresh.status, 200);
  const staleDelete = await s.eem('DELETE', `devices/0x7777777777/group_id?update_time=${current}`);
  assert.equal(staleDelete.status, 409);
  assert.equal(staleDelete.body.code, '40900');
  const freshDelete = await s.eem('DELETE', `devices/0x7777777777/group_id?update_time=${fresh.body.update_time}`);
  assert.equal(freshDelete.status, 200);
  assert.equal(freshDelete.body.group_id, '4093');
});

test('an update_time that is not a string of digits is refused with 40005', async () => {
  const current = (await device('0x7777777777')).update_time;
  const numeric = await setGroup('0x7777777777', { group_id: '1234', update_time: Number(current) });
  assert.equal(numeric.status, 400);
  assert.equal(numeric.body.code, '40005');
  const query = await s.eem('DELETE', 'devices/0x7777777777/group_id?update_time=yesterday');
  assert.equal(query.status, 400);
  assert.equal(query.body.code, '40005');
});

test('an explicit group id outside 16-4092 is refused with 40003, and both ends of the range are taken', async () => {
  for (const gid of ['0', '15', '4095', '5000', '99999999999999999999']) {
    const answer = await setGroup('0x7777777777', { group_id: gid });
    assert.equal(answer.status, 400, gid);
    assert.equal(answer.body.code, '40003', gid);
  }
  assert.equal((await setGroup('0x7777777777', { group_id: '16' })).body.group_id, '16');
  assert.equal((await setGroup('0x8888888888', { group_id: '4092' })).body.group_id, '4092');
});

test('a group id that is not a decimal number is refused with 40002', async () => {
  for (const gid of ['12a', '-20', '0x20', '020', ' 20', '']) {
    const answer = await setGroup('0x7777777777', { group_id: gid });
    assert.equal(answer.status, 400, JSON.stringify(gid));
    assert.equal(answer.body.code, '40002', JSON.stringify(gid));
  }
});

test('a missing or ill-typed group_id is refused with 40001', async () => {
  for (const body of [{}, { group_id: 20 }, { group_id: ['20'] }, [], '"20"']) {
    const answer = await setGroup('0x7777777777', typeof body === 'string' ? body : JSON.stringify(body));
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(answer.body.code, '40001', JSON.stringify(body));
  }
  const empty = await s.eem('PUT', 'devices/0x7777777777/group_id');
  assert.equal(empty.body.code, '40001');
});

test("PUT may send an EEIO to 4093 and an EESV to 4094, but not to the other role's default (40004)", async () => {
  assert.equal((await setGroup('0x8cdf9d911cb0', { group_id: '4093' })).body.group_id, '4093');
  assert.equal((await setGroup('0x1111111111', { group_id: '4094' })).body.group_id, '4094');
  const eeio = await setGroup('0x7777777777', { group_id: '4094' });
  assert.equal(eeio.status, 400);
  assert.equal(eeio.body.code, '40004');
  const eesv = await setGroup('0x3333333333', { group_id: '4093' });
  assert.equal(eesv.status, 400);
  assert.equal(eesv.body.code, '40004');
});

test('an EEIO cannot join an EESV that already has max_eeio_count EEIOs (40902)', async (t) => {
  const small = await startSim((fn) => t.after(fn), {
    topology: {
      devices: [
        { status: 'eesv', id: '0x8cdf9d000001', group_id: '20', max_eeio_count: '2' },
        { status: 'eeio', group_id: '20' },
        { status: 'eeio', group_id: '20' },
        { status: 'eeio', id: '0x8cdf9d000004' },
      ],
    },
  });
  const full = await setGroup('0x8cdf9d000004', { group_id: '20' }, small);
  assert.equal(full.status, 409);
  assert.equal(full.body.code, '40902');
  assert.equal((await device('0x8cdf9d000004', small)).group_id, '4093');
  assert.equal((await small.eem('GET', 'devices?status=eeio&group_id=20')).body.devices.length, 2);
});

test('a second EESV cannot join a group that has one (40903)', async () => {
  const answer = await setGroup('0x3333333333', { group_id: '1234' });
  assert.equal(answer.status, 409);
  assert.equal(answer.body.code, '40903');
  assert.equal((await device('0x3333333333')).group_id, '4094');
});

test("an EESV cannot join a group holding more EEIOs than it takes (40904)", async (t) => {
  const sim = await startSim((fn) => t.after(fn), {
    topology: {
      devices: [
        { status: 'eesv', id: '0x8cdf9d000001', max_eeio_count: '1' },
        { status: 'eeio', group_id: '30' },
        { status: 'eeio', group_id: '30' },
      ],
    },
  });
  const answer = await setGroup('0x8cdf9d000001', { group_id: '30' }, sim);
  assert.equal(answer.status, 409);
  assert.equal(answer.body.code, '40904');
});

test('a device whose link is down cannot be given a group (40901), but can go back to its default', async () => {
  const down = await setGroup('0xbbbbbbbbbb', { group_id: '1234' });
  assert.equal(down.status, 409);
  assert.equal(down.body.code, '40901');
  assert.equal((await setGroup('0xbbbbbbbbbb', { group_id: null })).body.code, '40901');

  await s.control('PATCH', 'devices/0x8cdf9d911cb0', { notification_status0: ['down', 'down'] });
  const back = await s.eem('DELETE', 'devices/0x8cdf9d911cb0/group_id');
  assert.equal(back.status, 200);
  assert.equal(back.body.group_id, '4093');
});

test('setting the group a device already has changes nothing, not even its update_time', async () => {
  const before = await device('0x8cdf9d911cb0');
  const answer = await setGroup('0x8cdf9d911cb0', { group_id: '1234' });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.update_time, before.update_time);
  assert.deepEqual(await device('0x8cdf9d911cb0'), before);
});

test('an EESV leaving its group leaves its EEIOs there, and the next EESV to join shows them', async () => {
  await s.eem('DELETE', 'devices/0x1111111111/group_id');
  const left = await device('0x1111111111');
  assert.ok(left.downstream_ports.every((p: { eeio_connection_status: string }) => p.eeio_connection_status === 'down'));
  assert.equal((await s.eem('GET', 'devices?status=eeio&group_id=1234')).body.devices.length, 2);

  assert.equal((await setGroup('0x3333333333', { group_id: '1234' })).status, 200);
  const joined = await device('0x3333333333');
  assert.deepEqual(
    joined.downstream_ports.slice(0, 2).map((p: { eeio_mac_address: string }) => p.eeio_mac_address),
    ['8c:df:9d:91:1c:b0', '8c:df:9d:53:e9:d8'],
  );
});

test('an EEIO keeps its port when another leaves, and a newcomer takes the lowest free port', async () => {
  await setGroup('0x7777777777', { group_id: '1234' }); // port 2
  await s.eem('DELETE', 'devices/0x8cdf9d911cb0/group_id'); // frees port 0
  await setGroup('0x8888888888', { group_id: '1234' });
  const macs = (await device('0x1111111111')).downstream_ports
    .slice(0, 4)
    .map((p: { eeio_mac_address: string }) => p.eeio_mac_address);
  assert.deepEqual(macs, ['88:88:88:88:88:88', '8c:df:9d:53:e9:d8', '77:77:77:77:77:77', '']);
});

// The fabric in-process, where a test can act faster than a millisecond or fill every group id.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASSIGNABLE_GROUPS, Fabric, generateBoards } from '../../src/sim/eem/index.js';

const eesvIds = (fabric: Fabric) => fabric.list({ status: 'eesv' }).map((d) => d.id);

test('update_time strictly increases for every change, even many within one millisecond', () => {
  const fabric = new Fabric(generateBoards({ servers: 1, devices: 0, seed: 1 }));
  const [id] = eesvIds(fabric);
  const times = Array.from({ length: 200 }, (_, i) => (i % 2 ? fabric.audit(id!) : fabric.setLed(id!, i % 4 ? 'on' : 'off').update_time));
  for (let i = 1; i < times.length; i++) assert.ok(Number(times[i]) > Number(times[i - 1]), `change ${i}: ${times[i - 1]} then ${times[i]}`);
  assert.equal(fabric.get(id!)?.update_time, times.at(-1));
});

test('list and get return copies: changing them changes nothing in the fabric', () => {
  const fabric = new Fabric(generateBoards({ servers: 1, devices: 1, seed: 1 }));
  const [eesv, eeio] = fabric.list();
  eesv!.group_id = '100';
  eeio!.notification_status0[0] = 'down';
  const got = fabric.get(eeio!.id)!;
  got.group_id = '200';
  assert.equal(fabric.get(eesv!.id)?.group_id, '4094');
  assert.deepEqual(fabric.get(eeio!.id)?.notification_status0, ['up', 'down']);
  assert.equal(fabric.get(eeio!.id)?.group_id, '4093');
});

test('null allocation walks up from 16, and is refused with 40905 once every group id is used', () => {
  const groupCount = ASSIGNABLE_GROUPS.max - ASSIGNABLE_GROUPS.min + 1;
  const fabric = new Fabric(generateBoards({ servers: groupCount + 1, devices: 0, seed: 1 }));
  const ids = eesvIds(fabric);
  ids.slice(0, groupCount).forEach((id, i) => assert.equal(fabric.setGroup(id, null).group_id, String(16 + i)));
  assert.throws(() => fabric.setGroup(ids.at(-1)!, null), { name: 'EemError', status: 409, code: '40905' });
  assert.equal(fabric.get(ids.at(-1)!)?.group_id, '4094');
});

test('a refused PATCH changes nothing, not even the fields it would have changed first', () => {
  const fabric = new Fabric(generateBoards({ servers: 2, devices: 0, seed: 1 }));
  const [a, b] = eesvIds(fabric);
  fabric.setGroup(a!, '20');
  const before = fabric.get(b!);
  assert.throws(() => fabric.patch(b!, { power_status: 'off', group_id: '20' }), { code: '40903' });
  assert.deepEqual(fabric.get(b!), before);
});

test('reset brings back every board as it was loaded, update_times included', () => {
  const fabric = new Fabric(generateBoards({ servers: 2, devices: 3, seed: 5 }));
  const initial = fabric.list();
  const [server] = eesvIds(fabric);
  fabric.setGroup(server!, null);
  fabric.unplug(initial.at(-1)!.id);
  fabric.reset();
  assert.deepEqual(fabric.list(), initial);
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { REQUIRED_IN_ERROR, REQUIRED_PROPERTIES, missingRequired, typeName } from '../../src/api/redfish/required-properties.js';
import { startRedfishStack, walk, type RedfishStack } from './support.js';

let t: RedfishStack;
before(async () => {
  t = await startRedfishStack();
  const composed = await t.v1('POST', '/v1/nodes', { name: 'walked', properties: { pci_device: { type: ['NIC', 'SSD'] } } });
  assert.equal(composed.status, 200, composed.text);
});
after(() => t.s.close());

it('every resource the service answers carries the properties its DMTF schema marks required', async () => {
  const resources = await walk((path) => t.rf('GET', path));
  const seenTypes = new Set<string>();
  for (const [path, body] of resources) {
    const type = typeName(body['@odata.type']);
    seenTypes.add(type);
    const required = REQUIRED_PROPERTIES[type as keyof typeof REQUIRED_PROPERTIES];
    assert.ok(required, `${path}: no required-properties row for ${type}`);
    assert.deepEqual(missingRequired(body, required), [], `${path} (${type}) lacks required properties`);
    assert.equal(body['@odata.id'], path, 'a resource is where its @odata.id says');
  }
  // Every type the walk can reach was reached (reservations, tasks and messages are checked where they are made).
  const reachable = ['ServiceRoot', 'ComputerSystemCollection', 'ComputerSystem', 'CompositionService', 'ResourceBlockCollection',
    'ResourceBlock', 'ZoneCollection', 'Zone', 'ChassisCollection', 'Chassis', 'PCIeDeviceCollection', 'PCIeDevice',
    'PCIeFunctionCollection', 'PCIeFunction', 'SessionService', 'SessionCollection', 'Session', 'TaskService', 'TaskCollection'];
  assert.deepEqual(reachable.filter((type) => !seenTypes.has(type)), []);
});

it('an error carries what redfish-error requires, and its message a MessageId', async () => {
  const r = await t.rf('GET', '/redfish/v1/Systems/nope');
  assert.equal(r.status, 404);
  assert.deepEqual(missingRequired(r.body, REQUIRED_IN_ERROR), []);
  for (const message of r.body.error['@Message.ExtendedInfo']) assert.deepEqual(missingRequired(message, REQUIRED_PROPERTIES.Message), []);
});

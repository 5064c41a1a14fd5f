import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

const SAMPLE = {
  name: 'test',
  properties: { memory: { capacity_mib: '3000', type: 'DDR2' }, processor: { total_cores: '10', model: 'Intel' } },
};

describe('flavors', () => {
  let s: Stack;
  before(async () => { s = await startStack(); });
  after(() => s.close());

  it("creates Valence's sample flavor (200, as Valence) and keeps the description Valence dropped", async () => {
    const r = await s.call('POST', '/v1/flavors', { ...SAMPLE, description: 'small' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.properties, SAMPLE.properties);
    assert.equal(r.body.name, 'test');
    assert.equal(r.body.description, 'small');
    assert.equal(r.body.created_at, r.body.updated_at);
    const shown = await s.call('GET', `/v1/flavors/${r.body.uuid}`);
    assert.deepEqual(shown.body, r.body);
    assert.ok((await s.call('GET', '/v1/flavors')).body.some((f: { uuid: string }) => f.uuid === r.body.uuid));
  });

  for (const [what, body, field] of [
    ['a number where Valence wants a string', { name: 'x', properties: { memory: { capacity_mib: 3000 } } }, 'properties.memory.capacity_mib'],
    ['an unknown property key', { name: 'x', properties: { gpu: {} } }, 'properties.gpu'],
    ['an unknown device type', { name: 'x', properties: { pci_device: { type: ['FPGA'] } } }, 'properties.pci_device.type[0]'],
    ['no properties', { name: 'x' }, 'properties'],
  ] as const) {
    it(`${what} is a 400 naming '${field}'`, async () => {
      const r = await s.call('POST', '/v1/flavors', body);
      assert.equal(r.status, 400);
      assert.equal(r.body.title, 'Validation Error');
      assert.ok(r.body.detail.includes(`'${field}'`), r.body.detail);
    });
  }

  it('an unknown device type is refused with the allowed values listed', async () => {
    const r = await s.call('POST', '/v1/flavors', { name: 'x', properties: { pci_device: { type: ['FPGA'] } } });
    assert.equal(r.status, 400);
    assert.equal(r.body.detail,
      "Invalid input for field/attribute 'properties.pci_device.type[0]'. It must be one of 'NIC', 'SSD', 'GPU', 'Multi', 'USB', 'ACS', 'SWITCH', 'Unknown'.");
  });

  it('PATCH replaces a top-level field as a whole and validates it', async () => {
    const { body } = await s.call('POST', '/v1/flavors', { name: 'nic2', properties: { pci_device: { type: ['NIC', 'NIC'] } } });
    const r = await s.call('PATCH', `/v1/flavors/${body.uuid}`, { properties: { pci_device: { type: ['SSD'] } } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.properties, { pci_device: { type: ['SSD'] } });
    assert.equal(r.body.name, 'nic2');
    assert.equal((await s.call('PATCH', `/v1/flavors/${body.uuid}`, { name: 123 })).status, 400);
    assert.equal((await s.call('PATCH', `/v1/flavors/${body.uuid}`, { uuid: 'x' })).status, 400);
  });

  it('PATCH with {} answers the flavor unchanged (200, as Valence did), updated_at untouched', async () => {
    const { body } = await s.call('POST', '/v1/flavors', SAMPLE);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Valence's timestamps have whole seconds
    const r = await s.call('PATCH', `/v1/flavors/${body.uuid}`, {});
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, body);
    assert.equal((await s.call('PATCH', '/v1/flavors/no-such-flavor', {})).status, 404);
  });

  it("deletes with Valence's confirmation; a second delete is a 404", async () => {
    const { body } = await s.call('POST', '/v1/flavors', SAMPLE);
    const r = await s.call('DELETE', `/v1/flavors/${body.uuid}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.code, 'DELETED');
    assert.equal(r.body.detail, `This flavor ${body.uuid} has been deleted successfully`);
    const again = await s.call('DELETE', `/v1/flavors/${body.uuid}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.detail, `Flavor ${body.uuid} not found.`);
  });
});

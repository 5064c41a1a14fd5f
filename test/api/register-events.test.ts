// Register and deregister are events too (a real Ironic, as register.test.ts; kept to one node).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startIronic, stopIronic } from '../provision/support.js';
import { startStack, type Stack } from '../../support/stack.js';
import { collect, type Collector } from '../support/events.js';

/** An Ironic of its own: register.test.ts runs beside this file with 6395. */
const IRONIC_PORT = 6399;

let s: Stack;
let stream: Collector;
before(async () => {
  const url = await startIronic(IRONIC_PORT);
  s = await startStack({ config: { ironicUrl: url, ironicAuth: 'none', ironicTimeout: 10 } });
  stream = collect(`${s.api}/v1/events/stream?kind=node.registered,node.deregistered`);
});
after(async () => {
  await stream?.close();
  await s?.close();
  await stopIronic(IRONIC_PORT);
});

it('register, then deregister: node.registered with its Ironic uuid, then node.deregistered', async () => {
  const podm = await s.addPodManager();
  const node = (await s.call('POST', '/v1/nodes', { podm_id: podm, name: `ev-${Date.now()}`, properties: { pci_device: { type: ['NIC'] } } })).body;
  const r = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: { ipmi_address: '127.0.0.1' } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await s.call('POST', `/v1/nodes/${node.uuid}/deregister`)).status, 200);
  const es = await stream.until((all) => all.length === 2);
  assert.deepEqual(es.map((e) => [e.kind, e.node_id, e.after!.ironic_uuid]), [
    ['node.registered', node.uuid, r.body.ironic_uuid],
    ['node.deregistered', node.uuid, null],
  ]);
  await s.call('DELETE', `/v1/nodes/${node.uuid}`);
});

// A real Redfish client walks the service: OpenStack's sushy, as Debian packages it (python3-sushy),
// run by Debian's own python. What it reads must be the pool the v1 API shows.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, it } from 'node:test';
import { startRedfishStack, type RedfishStack } from './support.js';

const run = promisify(execFile);
// this file runs as dist/test/redfish/sushy.test.js; the walk and the installer stay in the source tree
const repo = fileURLToPath(new URL('../../../', import.meta.url));

let t: RedfishStack;
before(async () => {
  try {
    await run('bash', [`${repo}scripts/sushy.sh`], { timeout: 300_000 });
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new Error(`python3-sushy could not be installed by scripts/sushy.sh (it needs root or the package present): ${stderr || message}`);
  }
  t = await startRedfishStack();
});
after(() => t?.s.close());

it('sushy logs in with a token, reads the root, systems, composition service, blocks and zones, and they match the pool', { timeout: 120_000 }, async () => {
  const node = await t.v1('POST', '/v1/nodes', { name: 'seen-by-sushy', properties: { pci_device: { type: ['NIC', 'GPU'] } } }, t.member);
  assert.equal(node.status, 200, node.text);
  // The walk runs in a child process: covalence answers from this one meanwhile (never a sync exec here).
  const { stdout } = await run('/usr/bin/python3', [`${repo}test/redfish/sushy_walk.py`, t.s.api, t.member], { timeout: 90_000 });
  const read = JSON.parse(stdout);

  assert.equal(read.sushy, '4.3.3');
  assert.deepEqual(read.root, { id: 'RootService', redfish_version: '1.20.0', name: 'covalence Redfish service' });
  assert.equal(read.session, true, 'sushy opened a session (not the Basic fallback)');
  assert.deepEqual(read.systems, [{
    id: node.body.uuid, name: 'seen-by-sushy', system_type: 'Composed', power_state: 'On', uuid: node.body.uuid,
    status: { state: 'Enabled', health: 'OK' },
  }]);
  assert.deepEqual(read.composition_service, {
    id: 'CompositionService', name: 'Composition Service', service_enabled: true, allow_overprovisioning: false, allow_zone_affinity: true,
    status: { state: 'Enabled', health: 'OK' },
  });

  const devices = (await t.v1('GET', '/v1/devices')).body as Array<{ uuid: string; state: string; node_id: string | null }>;
  const servers = (await t.v1('GET', '/v1/systems')).body as Array<{ id: string }>;
  const blocks = new Map((read.blocks as Array<{ id: string; state: string; compositions: number }>).map((b) => [b.id, b]));
  assert.equal(blocks.size, devices.length + servers.length, 'a block per device and per server');
  for (const d of devices) {
    const expected = d.state === 'free' ? 'Unused' : d.node_id === node.body.index ? 'Composed' : 'Unavailable';
    assert.equal(blocks.get(d.uuid)?.state, expected, `device ${d.uuid} (${d.state}, on ${d.node_id})`);
  }
  assert.equal(blocks.get(`${t.podm}.${node.body.index}`)?.state, 'Composed');
  assert.equal(blocks.get(`${t.podm}.${node.body.index}`)?.compositions, 1);

  assert.equal(read.zones.length, 1);
  assert.deepEqual([read.zones[0].id, read.zones[0].name], [t.podm, 'podm1']);
  assert.deepEqual(read.zones[0].blocks, [...blocks.keys()].map((id) => `/redfish/v1/CompositionService/ResourceBlocks/${id}`).sort());
});

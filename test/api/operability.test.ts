import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEemSim } from '../../src/sim/eem/index.js';
import { freePort, runCovalence } from '../../support/process.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, startStack, type Stack } from '../../support/stack.js';

/** The value of one sample in Prometheus text, 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.split(' ').at(-1));
  }
  return 0;
}

describe('metrics and health', () => {
  let s: Stack;
  let podm: string;
  const metrics = async () => (await s.call('GET', '/metrics')).text;
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it('counts API requests by route, method and status', async () => {
    const before = sample(await metrics(), 'covalence_http_request_duration_seconds_count', { route: '/v1/devices/:uuid', method: 'GET', status: '404' });
    await s.call('GET', '/v1/devices/nope');
    await s.call('GET', '/v1/devices/nope');
    const after = sample(await metrics(), 'covalence_http_request_duration_seconds_count', { route: '/v1/devices/:uuid', method: 'GET', status: '404' });
    assert.equal(after - before, 2);
  });

  it('times EEM calls by pod manager, operation and outcome', async () => {
    const labels = { target: 'eem', podm: 'podm1', operation: 'GET /eem/devices/detail', outcome: '2xx' };
    const before = sample(await metrics(), 'covalence_outbound_call_duration_seconds_count', labels);
    await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    assert.equal(sample(await metrics(), 'covalence_outbound_call_duration_seconds_count', labels) - before, 2);
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', status: 500, count: 2 });
    await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    assert.equal(sample(await metrics(), 'covalence_outbound_call_duration_seconds_count', { ...labels, outcome: '5xx' }), 2);
    assert.ok(sample(await metrics(), 'covalence_sync_duration_seconds_count', { podm: 'podm1', status: 'FAILED' }) >= 1);
    await s.simControl('DELETE', '/_sim/faults');
  });

  it('counts sync runs and what they changed', async () => {
    const before = sample(await metrics(), 'covalence_sync_changes_total', { podm: 'podm1', change: 'added' });
    await s.simControl('POST', '/_sim/devices', { status: 'eeio', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x8086', pcie_device_id: '0x1572' });
    await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    assert.equal(sample(await metrics(), 'covalence_sync_changes_total', { podm: 'podm1', change: 'added' }) - before, 1);
    assert.ok(sample(await metrics(), 'covalence_sync_duration_seconds_count', { podm: 'podm1', status: 'SUCCESS' }) >= 2);
  });

  it('counts compose, attach, detach outcomes and shows the pool by type and state', async () => {
    const ok = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'm', properties: { pci_device: { type: ['GPU'] } } });
    const none = await s.call('POST', '/v1/nodes', { podm_id: podm, name: 'm2', properties: { pci_device: { type: ['GPU'] } } });
    assert.equal(ok.status, 200);
    assert.equal(none.status, 404);
    const gpu = (await s.call('GET', `/v1/devices?node_id=${ok.body.index}`)).body[0];
    await s.call('POST', `/v1/nodes/${ok.body.uuid}/action`, { detach: { resource_id: gpu.uuid } });
    const text = await metrics();
    assert.equal(sample(text, 'covalence_node_operations_total', { operation: 'compose', outcome: 'success' }), 1);
    assert.equal(sample(text, 'covalence_node_operations_total', { operation: 'compose', outcome: 'not_found' }), 1);
    assert.equal(sample(text, 'covalence_node_operations_total', { operation: 'detach', outcome: 'success' }), 1);
    const free = (await s.call('GET', `/v1/devices?podm_id=${podm}&type=NIC&state=free`)).body.length;
    assert.equal(sample(text, 'covalence_pool_devices', { podm, type: 'NIC', state: 'free' }), free);
    assert.equal(sample(text, 'covalence_journal_operations_open', {}), 0);
  });

  it('/healthz answers while alive; /readyz reports the store, migrations and each pod manager, even one that is down', async () => {
    assert.deepEqual((await s.call('GET', '/healthz')).body, { status: 'ok' });
    const ready = await s.call('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.equal(ready.body.migrations.ok, true);
    assert.equal(ready.body.pod_managers[0].status, 'Online');
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', drop: true, count: 4 });
    await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    await s.simControl('DELETE', '/_sim/faults');
    const degraded = await s.call('GET', '/readyz');
    assert.equal(degraded.status, 200, 'an EEM being down does not make covalence unready');
    assert.equal(degraded.body.pod_managers[0].status, 'Offline');
    assert.match(degraded.body.pod_managers[0].detail, /could not be reached/);
  });
});

describe('SIGTERM during a compose', () => {
  const dir = mkdtempSync(join(tmpdir(), 'covalence-term-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lets the compose finish, then exits 0; the log lines carry the request id', async () => {
    const sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { named: 'valence-fixtures' } });
    try {
      const port = await freePort();
      const api = `http://127.0.0.1:${port}`;
      const running = await runCovalence([
        'serve', '--port', String(port), '--db', `sqlite:${join(dir, 'c.sqlite')}`, '--secret-key-file', join(dir, 'key'), '--sync-interval', '0',
      ], /covalence is serving/);
      const podm = (await http(`${api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid;
      await http(`${sim.origin}/_sim/faults`, 'POST', { method: 'PUT', path: 'devices/0x8888888888/group_id', latency_ms: 1000 },
        { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` });
      const compose = http(`${api}/v1/nodes`, 'POST', { podm_id: podm, name: 'n', properties: { pci_device: { type: ['NIC', 'SSD'] } } });
      for (let i = 0; i < 200 && sim.fabric.get('0x7777777777')!.group_id === '4093'; i++) await sleep(25);
      running.child.kill('SIGTERM'); // while the SSD's change hangs on the EEM
      const answer = await compose;
      assert.equal(answer.status, 200, answer.text);
      assert.equal(await running.exited, 0);
      assert.equal(sim.fabric.get('0x8888888888')!.group_id, sim.fabric.get(answer.body.index)!.group_id, 'the compose completed on the fabric');
      const composed = running.output().split('\n').filter((l) => l.includes('"node composed"')).map((l) => JSON.parse(l));
      assert.equal(composed.length, 1);
      assert.equal(composed[0].reqId, answer.headers.get('x-openstack-request-id'));
      assert.match(running.output(), /shutting down/);
    } finally {
      await sim.close();
    }
  });
});

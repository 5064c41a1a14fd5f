import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startEemSim, type EemSim } from '../../src/sim/eem/index.js';
import { freePort, runCovalence, type Running } from '../../support/process.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody } from '../../support/stack.js';

describe('a covalence killed with SIGKILL mid-operation', () => {
  let sim: EemSim;
  let dir: string;
  let api: string;
  let port: number;
  const simAuth = { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` };
  const start = () => runCovalence([
    'serve', '--port', String(port), '--db', `sqlite:${join(dir, 'c.sqlite')}`, '--secret-key-file', join(dir, 'key'),
    '--sync-interval', '0', '--eem-read-timeout', '10',
  ], /covalence is serving/);
  const fault = (rule: object) => http(`${sim.origin}/_sim/faults`, 'POST', rule, simAuth);

  before(async () => {
    sim = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { named: 'valence-fixtures' } });
    dir = mkdtempSync(join(tmpdir(), 'covalence-crash-'));
    port = await freePort();
    api = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Sends the request, waits until the fabric shows it is under way, then kills covalence. */
  async function killDuring(request: () => Promise<unknown>, running: Running, underWay: () => boolean): Promise<void> {
    void request().catch(() => undefined);
    for (let i = 0; i < 200 && !underWay(); i++) await sleep(25);
    assert.ok(underWay(), 'the operation got under way');
    await sleep(100);
    running.child.kill('SIGKILL');
    assert.equal(await running.exited, 'SIGKILL');
  }

  it('mid-compose: after restart the compose is undone and the EEM and the store agree', async () => {
    let running = await start();
    const podm = (await http(`${api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid;
    // The server gets its group and the NIC joins; the SSD's change hangs on the EEM while covalence dies.
    await fault({ method: 'PUT', path: 'devices/0x8888888888/group_id', latency_ms: 1500 });
    await killDuring(
      () => http(`${api}/v1/nodes`, 'POST', { podm_id: podm, name: 'doomed', properties: { pci_device: { type: ['NIC', 'SSD'] } } }),
      running, () => sim.fabric.get('0x7777777777')!.group_id !== '4093',
    );
    assert.notEqual(sim.fabric.get('0x3333333333')!.group_id, '4094', 'the compose was under way');
    assert.equal(sim.fabric.get('0x7777777777')!.group_id, sim.fabric.get('0x3333333333')!.group_id);

    running = await start();
    assert.match(running.output(), /recovering operation/);
    await sleep(1200); // the hung change lands now, and is refused: recovery fenced the board
    assert.equal(sim.fabric.get('0x3333333333')!.group_id, '4094');
    for (const id of ['0x7777777777', '0x8888888888']) assert.equal(sim.fabric.get(id)!.group_id, '4093', id);
    assert.deepEqual((await http(`${api}/v1/nodes`, 'GET')).body, []);
    await http(`${api}/v1/devices/sync`, 'POST', { podm_id: podm });
    for (const d of (await http(`${api}/v1/devices`, 'GET')).body) {
      assert.equal(d.pooled_group_id, sim.fabric.get(d.resource_uri.replace('devices/', ''))!.group_id, d.resource_uri);
    }
    const again = await http(`${api}/v1/nodes`, 'POST', { podm_id: podm, name: 'fine', properties: { pci_device: { type: ['NIC', 'SSD'] } } });
    assert.equal(again.status, 200, again.text);

    // Mid-decompose: recovery finishes the job.
    await fault({ method: 'DELETE', path: 'devices/0x8888888888/group_id', latency_ms: 1500 });
    await killDuring(() => http(`${api}/v1/nodes/${again.body.uuid}`, 'DELETE'), running, () => sim.fabric.get('0x7777777777')!.group_id === '4093');
    running = await start();
    assert.match(running.output(), /recovering operation/);
    await sleep(1200);
    assert.deepEqual((await http(`${api}/v1/nodes`, 'GET')).body, []);
    for (const id of ['0x7777777777', '0x8888888888']) assert.equal(sim.fabric.get(id)!.group_id, '4093', id);
    assert.equal(sim.fabric.get('0x3333333333')!.group_id, '4094');
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
  });
});

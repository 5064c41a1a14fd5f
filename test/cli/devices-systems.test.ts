import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { startStack, type Stack } from '../../support/stack.js';
import { client, short, tableRows } from './support.js';

describe('covalence device and system', () => {
  let s: Stack;
  let cli: ReturnType<typeof client>;
  let podm: string;

  before(async () => {
    s = await startStack();
    cli = client(s.api);
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it('device list: a table of every device, and each filter the API takes', async () => {
    const table = await cli.run(['device', 'list']);
    assert.equal(table.code, 0, table.stderr);
    const [header, ...rows] = tableRows(table.stdout);
    assert.deepEqual(header, ['UUID', 'TYPE', 'STATE', 'NODE_ID', 'POOLED_GROUP_ID', 'RESOURCE_URI', 'PODM_ID']);
    assert.equal(rows.length, (await s.call('GET', '/v1/devices')).body.length);
    assert.ok(rows.some((r) => r[1] === 'NIC' && r[2] === 'free' && r[3] === '-' && r[5] === 'devices/0x7777777777'), 'an empty node_id is a dash');
    assert.ok(table.stdout.split('\n').every((line) => line.length <= 100), `rows fit a terminal (ids cut to 8 digits):\n${table.stdout}`);

    const uris = async (...filters: string[]) => (await cli.json(['device', 'list', ...filters, '-c', 'resource_uri'])).map((d: { resource_uri: string }) => d.resource_uri).sort();
    const [gpus, onServer, inGroup, badType] = await Promise.all([
      uris('--type', 'GPU'),
      uris('--node-id', '0x1111111111', '--state', 'allocated', '--podm-id', podm),
      uris('--pooled-group-id', '1234'),
      cli.run(['device', 'list', '--type', 'FPGA']),
    ]);
    assert.deepEqual(gpus, ['devices/0x9999999999']);
    assert.deepEqual(onServer, ['devices/0x8cdf9d53e9d8', 'devices/0x8cdf9d911cb0']);
    assert.deepEqual(inGroup, ['devices/0x8cdf9d53e9d8', 'devices/0x8cdf9d911cb0']);
    assert.equal(badType.code, 2);
    assert.match(badType.stderr, /Allowed choices are NIC, SSD, GPU/);
  });

  it('device show: nested properties as dotted fields in a table, whole in YAML', async () => {
    const gpu = (await s.call('GET', '/v1/devices?type=GPU')).body[0];
    const [table, yamlShow, picked, missing] = await Promise.all([
      cli.run(['device', 'show', gpu.uuid]),
      cli.run(['device', 'show', gpu.uuid, '-o', 'yaml']),
      cli.json(['device', 'show', gpu.uuid, '-c', 'properties.model', '-c', 'type']),
      cli.run(['device', 'show', 'no-such-device']),
    ]);
    assert.equal(table.code, 0, table.stderr);
    const fields = Object.fromEntries(tableRows(table.stdout).map(([k, v]) => [k, v]));
    assert.equal(fields['properties.device_id'], '0x9999999999');
    assert.equal(fields['properties.pcie_vendor_id'], '0x10de');
    assert.equal(fields.state, 'free');

    assert.equal(parse(yamlShow.stdout).properties.device_id, '0x9999999999');
    assert.deepEqual(picked, { 'properties.model': '40g', type: 'GPU' });
    assert.equal(missing.code, 1);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^covalence: Device no-such-device not found\. \(HTTP 404 /);
  });

  it('device sync: a report per pod manager and a summary line; no progress drawing when stderr is not a terminal', async () => {
    const r = await cli.run(['device', 'sync']);
    assert.equal(r.code, 0, r.stderr);
    const [header, row] = tableRows(r.stdout);
    assert.deepEqual(header, ['PODM_ID', 'STATUS', 'SERVERS', 'ADDED', 'UPDATED', 'OFFLINE', 'REMOVED', 'UNCHANGED', 'DEFERRED', 'DETAIL']);
    assert.deepEqual(row!.slice(0, 3), [short(podm), 'SUCCESS', '3']);
    assert.equal(r.stderr, 'synced 1 of 1 pod manager(s)\n');

    const one = await cli.json(['device', 'sync', '--podm-id', podm]);
    assert.equal(one[0].status, 'SUCCESS');
  });

  it('device sync: a FAILED pod manager is shown, named with its detail on stderr, and exits 1', async () => {
    await s.simControl('POST', '/_sim/faults', { path: 'devices/detail', status: 500, count: null });
    try {
      const r = await cli.run(['device', 'sync']);
      assert.equal(r.code, 1);
      assert.deepEqual(tableRows(r.stdout)[1]!.slice(0, 2), [short(podm), 'FAILED']);
      const lines = r.stderr.trimEnd().split('\n');
      assert.match(lines[0]!, /^covalence: pod manager podm1: .+/);
      assert.equal(lines.at(-1), 'synced 0 of 1 pod manager(s), 1 failed');
    } finally {
      await s.simControl('DELETE', '/_sim/faults');
    }
    const unknown = await cli.run(['device', 'sync', '--podm-id', 'nope', '-o', 'json']);
    assert.equal(unknown.code, 1);
    assert.deepEqual(JSON.parse(unknown.stdout), []);
    assert.match(unknown.stderr, /^covalence: pod manager nope: Pod Manager nope not found\. \(HTTP 404 .*\)\nsynced 0 of 1 pod manager\(s\), 1 failed\n$/);
  });

  it('system list and show read the servers live, filtered by pod manager', async () => {
    const [table, picked, shown, missing] = await Promise.all([
      cli.run(['system', 'list', '--podm-id', podm]),
      cli.json(['system', 'list', '-c', 'id', '-c', 'max_devices']),
      cli.run(['system', 'show', '0x1111111111', '--podm-id', podm, '-o', 'yaml']),
      cli.run(['system', 'show', '0x4242424242']),
    ]);
    assert.equal(table.code, 0, table.stderr);
    const [header, ...rows] = tableRows(table.stdout);
    assert.deepEqual(header, ['ID', 'PODM_ID', 'TYPE', 'POWER_STATE', 'POOLED_GROUP_ID', 'MAX_DEVICES', 'HOST_MODEL', 'MAC_ADDRESS']);
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['0x1111111111', '0x2222222222', '0x3333333333']);
    assert.deepEqual(picked.find((x: { id: string }) => x.id === '0x2222222222'), { id: '0x2222222222', max_devices: 8 });
    const show = parse(shown.stdout);
    assert.deepEqual([show.id, show.pooled_group_id, show.podm_id], ['0x1111111111', '1234', podm]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /0x4242424242/);
  });

  it('device maintenance, set-type and locate; system locate', async () => {
    const uri = async (u: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === u).uuid as string;
    const [gpu, tenG] = [await uri('devices/0x9999999999'), await uri('devices/0xaaaaaaaaaa')];
    const on = await cli.json(['device', 'maintenance', gpu, '--reason', 'fan noise', '-c', 'maintenance', '-c', 'maintenance_reason']);
    assert.deepEqual(on, { maintenance: true, maintenance_reason: 'fan noise' });
    const listed = await cli.run(['device', 'list', '--type', 'GPU']);
    assert.match(listed.stdout, /free, in maintenance/);
    assert.equal((await cli.json(['device', 'list', '--type', 'GPU']))[0].maintenance, true);
    assert.match((await cli.run(['device', 'show', gpu])).stdout, /maintenance_reason\s+fan noise/);
    assert.deepEqual(await cli.json(['device', 'maintenance', gpu, '--clear', '-c', 'maintenance']), { maintenance: false });

    assert.deepEqual(await cli.json(['device', 'set-type', tenG, 'NIC', '-c', 'type', '-c', 'type_source']), { type: 'NIC', type_source: 'operator' });
    const refused = await cli.run(['device', 'set-type', gpu, 'NIC']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /the fabric reports its type as GPU/);

    const led = async (board: string) => (await s.simControl('GET', `${new URL(s.sim.url).pathname}/devices/${board}/uid_led_status`)).body.uid_led_status;
    const lit = await cli.run(['device', 'locate', gpu]);
    assert.equal(lit.code, 0, lit.stderr);
    assert.equal(await led('0x9999999999'), 'on');
    assert.equal((await cli.run(['device', 'locate', gpu, '--off'])).code, 0);
    assert.equal(await led('0x9999999999'), 'off');
    const server = await cli.run(['system', 'locate', '0x3333333333', '--podm-id', podm]);
    assert.equal(server.code, 0, server.stderr);
    assert.match(server.stdout, /Locate LED of 0x3333333333 on/);
    assert.equal(await led('0x3333333333'), 'on');
  });
});

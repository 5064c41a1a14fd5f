import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { startStack, type Stack } from '../../support/stack.js';
import { client, short, tableRows } from './support.js';

describe('covalence node and flavor', () => {
  let s: Stack;
  let cli: ReturnType<typeof client>;
  let podm: string;
  const device = async (eemId: string) => (await s.call('GET', '/v1/devices')).body.find((d: { resource_uri: string }) => d.resource_uri === `devices/${eemId}`);
  const nodeCount = async () => (await s.call('GET', '/v1/nodes')).body.length;

  before(async () => {
    s = await startStack();
    cli = client(s.api);
    podm = await s.addPodManager();
  });
  after(() => s.close());

  it('manage adopts a server composed on the fabric; a second time is the API error, a missing flag a usage error', async () => {
    const node = await cli.json(['node', 'manage', '0x1111111111', '--podm-id', podm]);
    assert.deepEqual([node.index, node.podm_id], ['0x1111111111', podm]);
    const [again, noPodm] = await Promise.all([cli.run(['node', 'manage', '0x1111111111', '--podm-id', podm]), cli.run(['node', 'manage', '0x1111111111'])]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^covalence: .*0x1111111111.* \(HTTP 409 /);
    assert.equal(noPodm.code, 2);
    assert.match(noPodm.stderr, /required option '--podm-id <uuid|name>' not specified/);
  });

  it('compose --dry-run shows the plan and changes nothing; compose takes the devices; list and show print them', async () => {
    const before = await nodeCount();
    const plan = await cli.run(['node', 'compose', 'web', '--type', 'NIC', '--podm-id', podm, '--dry-run']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^dry_run +true$/m);
    assert.match(plan.stdout, /^devices +UUID .*\n +\S+ .*NIC +free .*devices\/0x7777777777/m);
    assert.equal(await nodeCount(), before);

    const web = await cli.json(['node', 'compose', 'web', '--type', 'NIC', '--description', 'front end']);
    assert.deepEqual([web.name, web.index], ['web', '0x3333333333']);
    assert.equal((await device('0x7777777777')).state, 'allocated');

    const [list, byIndex, byPodm, byIronic, show, yamlShow] = await Promise.all([
      cli.run(['node', 'list', '--name', 'web']),
      ...[['--index', '0x3333333333'], ['--podm-id', podm], ['--managed-by', 'ironic']].map((f) => cli.json(['node', 'list', ...f, '-c', 'name'])),
      cli.run(['node', 'show', web.uuid]),
      cli.run(['node', 'show', web.uuid, '-o', 'yaml']),
    ]);
    assert.deepEqual(tableRows(list.stdout), [['UUID', 'NAME', 'INDEX', 'PODM_ID', 'RESOURCE_URI', 'STATE', 'STATE_REASON'], [short(web.uuid), 'web', '0x3333333333', short(podm), 'devices/0x3333333333', 'composed', '-']]);
    assert.deepEqual(byIndex, [{ name: 'web' }]);
    assert.equal(byPodm.length, 2, 'web and the managed node');
    assert.deepEqual(byIronic, []);
    assert.match(show.stdout, /^description +front end$/m);
    assert.match(show.stdout, /^state +composed$/m);
    const yaml = parse(yamlShow.stdout);
    assert.deepEqual(yaml.devices.map((d: { resource_uri: string }) => d.resource_uri), ['devices/0x7777777777']);
  });

  it('attach and detach a device, each saying what it did; an unknown device is the API error', async () => {
    const [web] = await cli.json(['node', 'list', '--name', 'web']);
    const gpu = await device('0x9999999999');
    const attached = await cli.run(['node', 'attach', web.uuid, gpu.uuid]);
    assert.equal(attached.code, 0, attached.stderr);
    assert.equal(attached.stdout, `Device ${gpu.uuid} attached to node ${web.uuid}.\n`);
    assert.equal(s.sim.fabric.get('0x9999999999')?.group_id, s.sim.fabric.get('0x3333333333')?.group_id);

    const [detached, unknown, extra] = await Promise.all([
      cli.run(['node', 'detach', web.uuid, gpu.uuid]),
      cli.run(['node', 'attach', web.uuid, 'no-such-device']),
      cli.run(['node', 'attach', web.uuid]),
    ]);
    assert.equal(detached.stdout, `Device ${gpu.uuid} detached from node ${web.uuid}.\n`);
    assert.equal(s.sim.fabric.get('0x9999999999')?.group_id, '4093');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^covalence: Device no-such-device not found\./);
    assert.equal(extra.code, 2, 'a missing argument is a usage error');
  });

  it('flavor create, list, show, update; compose by flavor; delete prints the confirmation or its body', async () => {
    const created = await cli.json(['flavor', 'create', 'one-ssd', '--type', 'SSD', '--memory-mib', '4096', '--cores', '8', '--description', 'storage']);
    assert.deepEqual(created.properties, { pci_device: { type: ['SSD'] }, memory: { capacity_mib: '4096' }, processor: { total_cores: '8' } });

    const [list, show, nothing, both] = await Promise.all([
      cli.run(['flavor', 'list']),
      cli.run(['flavor', 'show', created.uuid]),
      cli.run(['flavor', 'update', created.uuid]),
      cli.run(['node', 'compose', 'db', '--flavor', created.uuid, '--type', 'NIC']),
    ]);
    assert.deepEqual(tableRows(list.stdout)[1], [short(created.uuid), 'one-ssd', 'storage', JSON.stringify(created.properties)]);
    assert.match(show.stdout, /^properties\.pci_device\.type +SSD$/m);
    assert.match(show.stdout, /^properties\.memory\.capacity_mib +4096$/m);
    assert.equal(nothing.code, 2);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /option '--flavor <uuid|name>' cannot be used with option '--type <type>'/);

    const renamed = parse((await cli.run(['flavor', 'update', created.uuid, '--name', 'ssd', '-o', 'yaml'])).stdout);
    assert.deepEqual([renamed.name, renamed.properties.pci_device.type], ['ssd', ['SSD']], 'properties stay when no property flag is given');
    const replaced = await cli.json(['flavor', 'update', created.uuid, '--memory-type', 'DDR4', '--processor-model', 'Xeon']);
    assert.deepEqual(replaced.properties, { memory: { type: 'DDR4' }, processor: { model: 'Xeon' } }, 'property flags replace the properties');
    const db = await cli.json(['node', 'compose', 'db', '--flavor', created.uuid]);
    assert.deepEqual([db.name, db.index], ['db', '0x2222222222']);

    const deleted = await cli.run(['flavor', 'delete', created.uuid]);
    assert.equal(deleted.stdout, `This flavor ${created.uuid} has been deleted successfully\n`);
    const again = await cli.run(['flavor', 'delete', created.uuid, '-o', 'json']);
    assert.equal(again.code, 1);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /not found/);
  });

  it('register without an Ironic is the API error; delete decomposes, printing the confirmation or its body', async () => {
    const nodes = await cli.json(['node', 'list']);
    const [register, badKv] = await Promise.all([
      cli.run(['node', 'register', nodes[0].uuid, '--driver-info', 'ipmi_address=10.0.0.9']),
      cli.run(['node', 'register', nodes[0].uuid, '--driver-info', 'ipmi_address']),
    ]);
    assert.equal(register.code, 1);
    assert.match(register.stderr, /^covalence: Ironic is not configured: start covalence with --ironic-url .*\(HTTP 503 /);
    assert.equal(badKv.code, 2);
    assert.match(badKv.stderr, /expected KEY=VALUE, got 'ipmi_address'/);

    const [first, ...rest] = nodes;
    const [text, ...bodies] = await Promise.all([cli.run(['node', 'delete', first.uuid]), ...rest.map((n: { uuid: string }) => cli.json(['node', 'delete', n.uuid]))]);
    assert.equal(text.stdout, `Composed node ${first.uuid} has been decomposed successfully.\n`);
    assert.deepEqual(bodies.map((b) => b.code), rest.map(() => 'DELETED'));
    assert.equal(await nodeCount(), 0);
  });

  it('compose --count N (1 to 100) composes <name>-1..N at most --parallel at a time; partial failure names each and exits 1', async () => {
    const [r, dry, zero, many] = await Promise.all([
      cli.run(['node', 'compose', 'batch', '--count', '4', '--parallel', '2']),
      cli.run(['node', 'compose', 'x', '--count', '2', '--dry-run']),
      cli.run(['node', 'compose', 'x', '--count', '0']),
      cli.run(['node', 'compose', 'x', '--count', '101']),
    ]);
    assert.equal(r.code, 1);
    const [header, ...rows] = tableRows(r.stdout);
    assert.equal(header![1], 'NAME');
    assert.equal(rows.length, 3, 'the three servers of the fixture');
    const names = rows.map((row) => row[1]);
    assert.deepEqual(names, [...names].sort(), 'in the order they were asked for');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0]!, /^covalence: batch-[1-4]: Node not available: .* \(HTTP 404 /);
    assert.equal(lines[1], 'composed 3 of 4 node(s), 1 failed');
    assert.ok(!r.stderr.includes('\r'), 'no progress drawing when stderr is not a terminal');
    assert.equal(await nodeCount(), 3);

    assert.equal(dry.code, 2);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /expected a whole number of at least 1, got '0'/);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /option '--count <n>' argument '101' is invalid\. expected at most 100, got 101/);
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { as, assertRedfishError, block, startRedfishStack, type RedfishStack } from './support.js';

interface V1Device { uuid: string; type: string; state: string; node_id: string | null; resource_uri: string }

describe('composing through Redfish is composing through v1', () => {
  let t: RedfishStack;
  const free = async (type: string) => ((await t.v1('GET', `/v1/devices?type=${type}&state=free`)).body as V1Device[])[0]!;
  const server = (eemId: string) => block(`${t.podm}.${eemId}`);

  before(async () => {
    t = await startRedfishStack();
  });
  after(() => t.s.close());
  beforeEach(() => t.s.fresh(as(t.admin)));

  it('composes the named blocks (201, Location, ETag), and v1 shows the node with those devices', async () => {
    const nic = await free('NIC');
    const r = await t.rf('POST', '/redfish/v1/Systems', { Name: 'rf-web', Links: { ResourceBlocks: [server('0x3333333333'), block(nic.uuid)] } }, t.member);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), r.body['@odata.id']);
    assert.equal(r.headers.get('etag'), r.body['@odata.etag']);
    assert.deepEqual(r.body.Links.ResourceBlocks, [server('0x3333333333'), block(nic.uuid)]);
    const v1 = await t.v1('GET', `/v1/nodes/${r.body.Id}`, undefined, t.member);
    assert.deepEqual([v1.body.name, v1.body.index, v1.body.project_id, v1.body.state], ['rf-web', '0x3333333333', 'p1', 'composed']);
    assert.deepEqual(v1.body.devices.map((d: V1Device) => d.uuid), [nic.uuid]);
    const group = (eemId: string) => t.s.sim.fabric.get(eemId)?.group_id;
    assert.equal(group(nic.resource_uri.replace('devices/', '')), group('0x3333333333'), "the fabric has the NIC in the server's group");
    const blockNow = (await t.rf('GET', `/redfish/v1/CompositionService/ResourceBlocks/${nic.uuid}`, undefined, t.member)).body;
    assert.deepEqual([blockNow.CompositionStatus.CompositionState, blockNow.Links.ComputerSystems], ['Composed', [{ '@odata.id': r.body['@odata.id'] }]]);
  });

  it('composes by counts in a zone, and refuses what the pool cannot give with NoResourceMatch', async () => {
    const r = await t.rf('POST', '/redfish/v1/Systems', { Name: 'rf-gpu', '@Redfish.ZoneAffinity': t.podm, Processors: { Members: [{ '@Redfish.RequestedCount': 1, ProcessorType: 'GPU' }] } }, t.member);
    assert.equal(r.status, 201, r.text);
    const devices = (await t.v1('GET', `/v1/nodes/${r.body.Id}`, undefined, t.member)).body.devices as V1Device[];
    assert.deepEqual(devices.map((d) => d.type), ['GPU']);
    const none = await t.rf('POST', '/redfish/v1/Systems', { Name: 'too-many', NetworkInterfaces: { Members: [{ '@Redfish.RequestedCount': 9 }] } }, t.member);
    assertRedfishError(none, 409, 'Composition.1.1.NoResourceMatch');
    assert.equal((await t.v1('GET', '/v1/nodes')).body.length, 1, 'nothing else was composed');
  });

  it('refuses unknown blocks, two servers, blocks of two zones and a bad body with Redfish messages, changing nothing', async () => {
    const post = (body: unknown) => t.rf('POST', '/redfish/v1/Systems', body, t.member);
    assertRedfishError(await post({ Name: 'x', Links: { ResourceBlocks: [server('0x3333333333'), block('nope')] } }), 400, 'Composition.1.1.ResourceBlockNotFound');
    assertRedfishError(await post({ Name: 'x', Links: { ResourceBlocks: [server('0x3333333333'), server('0x2222222222')] } }), 400, 'Base.1.22.PropertyValueIncorrect');
    assertRedfishError(await post({ Name: 'x', Links: { ResourceBlocks: [block(`ffffffff-0000-0000-0000-000000000000.0x3333333333`)] } }), 400, 'Composition.1.1.ResourceBlockNotFound');
    assertRedfishError(await post({ Name: 'x', '@Redfish.ZoneAffinity': 'elsewhere', Links: { ResourceBlocks: [server('0x3333333333')] } }), 400, 'Composition.1.1.IncompatibleZone');
    assertRedfishError(await post({ Links: { ResourceBlocks: [server('0x3333333333')] } }), 400, 'Base.1.22.PropertyMissing');
    assertRedfishError(await post({ Name: 'x', Bogus: 1 }), 400, 'Base.1.22.PropertyUnknown');
    assertRedfishError(await post({}), 400, 'Base.1.22.PropertyMissing');
    assertRedfishError(await post({ Name: 'x', Links: { ResourceBlocks: [server('0x1111111111')] } }), 409, 'Base.1.22.ResourceInUse');
    assertRedfishError(await t.rf('POST', '/redfish/v1/Systems', { Name: 'x', Links: { ResourceBlocks: [server('0x3333333333')] } }, t.reader), 403, 'Base.1.22.InsufficientPrivilege');
    assert.deepEqual((await t.v1('GET', '/v1/nodes')).body, []);
  });

  it('PATCH of Links.ResourceBlocks attaches and detaches, honouring If-Match; DELETE decomposes; v1 sees each step', async () => {
    const [nic, gpu] = [await free('NIC'), await free('GPU')];
    const made = await t.rf('POST', '/redfish/v1/Systems', { Name: 'grow', Links: { ResourceBlocks: [server('0x3333333333'), block(nic.uuid)] } }, t.member);
    const path = made.body['@odata.id'];
    const stale = made.body['@odata.etag'];
    const grown = await t.rf('PATCH', path, { Links: { ResourceBlocks: [{}, {}, block(gpu.uuid)] } }, t.member, { 'if-match': stale });
    assert.equal(grown.status, 200, grown.text);
    assert.deepEqual(grown.body.Links.ResourceBlocks.map((l: { '@odata.id': string }) => l['@odata.id']).sort(), [server('0x3333333333'), block(nic.uuid), block(gpu.uuid)].map((l) => l['@odata.id']).sort());
    assert.notEqual(grown.headers.get('etag'), stale);
    assertRedfishError(await t.rf('PATCH', path, { Links: { ResourceBlocks: [{}] } }, t.member, { 'if-match': stale }), 412, 'Base.1.22.PreconditionFailed');
    assert.equal((await t.v1('GET', `/v1/nodes/${made.body.Id}`, undefined, t.member)).body.devices.length, 2, 'the refused PATCH changed nothing');
    const shrunk = await t.rf('PATCH', path, { Links: { ResourceBlocks: [{}] } }, t.member, { 'if-match': grown.headers.get('etag')! });
    assert.equal(shrunk.status, 200, shrunk.text);
    assert.deepEqual(shrunk.body.Links.ResourceBlocks, [server('0x3333333333')]);
    assert.deepEqual((await t.v1('GET', `/v1/devices/${gpu.uuid}`)).body.state, 'free');
    assertRedfishError(await t.rf('PATCH', path, { Links: { ResourceBlocks: [null] } }, t.member), 400, 'Base.1.22.PropertyValueIncorrect');
    assertRedfishError(await t.rf('DELETE', path, undefined, t.otherMember), 404, 'Base.1.22.ResourceNotFound');
    const gone = await t.rf('DELETE', path, undefined, t.member);
    assert.equal(gone.status, 204);
    assertRedfishError(await t.rf('GET', path), 404, 'Base.1.22.ResourceNotFound');
    assert.equal((await t.v1('GET', `/v1/nodes/${made.body.Id}`)).status, 404);
    assert.equal((await t.v1('GET', `/v1/devices/${nic.uuid}`)).body.state, 'free');
  });

  it('a PATCH whose last attach is refused reverses its detach and attaches: the system keeps what it had', async () => {
    const [nic, gpu, ssd] = [await free('NIC'), await free('GPU'), await free('SSD')];
    const made = await t.rf('POST', '/redfish/v1/Systems', { Name: 'reshape', Links: { ResourceBlocks: [server('0x3333333333'), block(nic.uuid)] } }, t.member);
    assert.equal((await t.v1('PATCH', `/v1/devices/${ssd.uuid}`, { maintenance: true, maintenance_reason: 'reseating' })).status, 200);
    const refused = await t.rf('PATCH', made.body['@odata.id'], { Links: { ResourceBlocks: [{}, null, block(gpu.uuid), block(ssd.uuid)] } }, t.member);
    assert.equal(refused.status, 409, refused.text);
    const devices = (await t.v1('GET', `/v1/nodes/${made.body.Id}`, undefined, t.member)).body.devices as V1Device[];
    assert.deepEqual(devices.map((d) => d.uuid), [nic.uuid], 'the NIC detached first is back, the GPU attached second is gone');
    assert.equal((await t.v1('GET', `/v1/devices/${gpu.uuid}`)).body.state, 'free');
    const group = (d: V1Device) => t.s.sim.fabric.get(d.resource_uri.replace('devices/', ''))?.group_id;
    assert.equal(group(nic), t.s.sim.fabric.get('0x3333333333')?.group_id, "the fabric has the NIC in the server's group again");
    assert.equal(group(gpu), '4093', 'and the GPU back in the free pool');
    await t.v1('PATCH', `/v1/devices/${ssd.uuid}`, { maintenance: false });
  });

  it('a v1 node decomposes through Redfish, and a Redfish system through v1; each change is audited', async () => {
    const v1 = await t.v1('POST', '/v1/nodes', { name: 'from-v1', properties: { pci_device: { type: ['SSD'] } } }, t.member);
    assert.equal((await t.rf('DELETE', `/redfish/v1/Systems/${v1.body.uuid}`, undefined, t.member)).status, 204);
    const rf = await t.rf('POST', '/redfish/v1/Systems', { Name: 'from-rf', Storage: { Members: [{ '@Redfish.RequestedCount': 1 }] } }, t.member);
    assert.equal((await t.v1('DELETE', `/v1/nodes/${rf.body.Id}`, undefined, t.member)).status, 200);
    const audit = (await t.v1('GET', '/v1/audit?limit=10')).body as Array<{ action: string; target: string; result: string }>;
    assert.ok(audit.some((e) => e.action === 'node.decompose' && e.target === v1.body.uuid && e.result === 'success'), 'Redfish DELETE audited as node.decompose');
    assert.ok(audit.some((e) => e.action === 'node.compose' && e.target === rf.body.Id && e.result === 'success'), 'Redfish POST audited as node.compose');
    const metrics = (await t.s.call('GET', '/metrics')).text;
    assert.match(metrics, /covalence_node_operations_total\{operation="compose",outcome="success"\} [2-9]/);
  });

  it('a Redfish and a v1 compose race for the last free server: exactly one wins, both APIs agree', async () => {
    for (let round = 0; round < 5; round += 1) {
      for (const n of (await t.v1('GET', '/v1/nodes')).body) await t.v1('DELETE', `/v1/nodes/${n.uuid}`);
      const first = await t.v1('POST', '/v1/nodes', { name: 'takes-40g' }, t.member); // the 40G server; the 10G one is the last
      assert.equal(first.body.index, '0x3333333333', first.text);
      const [rf, v1] = await Promise.all([
        t.rf('POST', '/redfish/v1/Systems', { Name: `rf-${round}`, Links: { ResourceBlocks: [server('0x2222222222')] } }, t.member),
        t.v1('POST', '/v1/nodes', { name: `v1-${round}` }, t.otherMember),
      ]);
      const wins = [rf.status === 201, v1.status === 200];
      assert.equal(wins.filter(Boolean).length, 1, `round ${round}: Redfish ${rf.status} ${rf.text.slice(0, 200)}, v1 ${v1.status} ${v1.text.slice(0, 200)}`);
      assert.ok(rf.status === 201 || rf.status === 409, rf.text);
      const nodes = (await t.v1('GET', '/v1/nodes')).body as Array<{ uuid: string; index: string }>;
      assert.deepEqual(nodes.map((n) => n.index).sort(), ['0x2222222222', '0x3333333333']);
      const systems = (await t.rf('GET', '/redfish/v1/Systems')).body.Members.map((m: { '@odata.id': string }) => m['@odata.id']).sort();
      assert.deepEqual(systems, nodes.map((n) => `/redfish/v1/Systems/${n.uuid}`).sort());
    }
  });
});

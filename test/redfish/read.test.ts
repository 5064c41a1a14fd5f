import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertRedfishError, startRedfishStack, type RedfishStack } from './support.js';

const BLOCKS = '/redfish/v1/CompositionService/ResourceBlocks';

describe('the Redfish service reads the same pool as v1', () => {
  let t: RedfishStack;
  let node: { uuid: string; index: string };
  before(async () => {
    t = await startRedfishStack();
    const r = await t.v1('POST', '/v1/nodes', { name: 'web', properties: { pci_device: { type: ['NIC'] } } }, t.member);
    assert.equal(r.status, 200, r.text);
    node = r.body;
  });
  after(() => t.s.close());

  it('serves /redfish, the service root and the service documents to anyone, with OData-Version', async () => {
    const root = await t.s.call('GET', '/redfish/v1/');
    assert.equal(root.status, 200);
    assert.equal(root.headers.get('odata-version'), '4.0');
    assert.equal(root.body['@odata.type'], '#ServiceRoot.v1_20_0.ServiceRoot');
    assert.deepEqual(root.body.Links.Sessions, { '@odata.id': '/redfish/v1/SessionService/Sessions' });
    assert.deepEqual((await t.s.call('GET', '/redfish')).body, { v1: '/redfish/v1/' });
    assert.equal((await t.s.call('GET', '/redfish/v1')).status, 200, 'without the slash too');
    const odata = await t.s.call('GET', '/redfish/v1/odata');
    assert.ok(odata.body.value.some((v: { name: string }) => v.name === 'CompositionService'));
    const metadata = await t.s.call('GET', '/redfish/v1/$metadata');
    assert.match(metadata.headers.get('content-type') ?? '', /application\/xml/);
    assert.match(metadata.text, /Extends="ServiceRoot\.v1_20_0\.ServiceContainer"/);
    assert.match(metadata.text, /Namespace="ResourceBlock\.v1_4_3"/);
  });

  it('refuses anything else without a token, in Redfish form with WWW-Authenticate; takes X-Auth-Token or Basic with the token as password', async () => {
    const none = await t.s.call('GET', '/redfish/v1/Systems');
    assertRedfishError(none, 401, 'Base.1.22.NoValidSession');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Basic/);
    assertRedfishError(await t.s.call('GET', '/redfish/v1/nowhere'), 401, 'Base.1.22.NoValidSession');
    const basic = await t.s.call('GET', '/redfish/v1/Systems', undefined, { authorization: `Basic ${Buffer.from(`anyone:${t.reader}`).toString('base64')}` });
    assert.equal(basic.status, 200, basic.text);
    assert.equal((await t.s.call('GET', '/v1/nodes', undefined, { authorization: `Basic ${Buffer.from(`x:${t.reader}`).toString('base64')}` })).status, 401,
      'Basic is Redfish\'s: the v1 API keeps to tokens');
  });

  it('a session is a token for a token: login answers it as X-Auth-Token, the caller sees it, a wrong password is refused', async () => {
    const login = await t.s.call('POST', '/redfish/v1/SessionService/Sessions', { UserName: 'rea', Password: t.reader });
    assert.equal(login.status, 201, login.text);
    assert.equal(login.headers.get('x-auth-token'), t.reader);
    assert.equal(login.body.Password, null);
    const location = login.headers.get('location')!;
    assert.equal(login.body['@odata.id'], location);
    const mine = await t.rf('GET', location, undefined, t.reader);
    assert.equal(mine.body.Oem.Covalence.Role, 'reader');
    assertRedfishError(await t.rf('GET', location, undefined, t.member), 404, 'Base.1.22.ResourceNotFound');
    assert.equal((await t.rf('DELETE', location, undefined, t.reader)).status, 204);
    assertRedfishError(await t.s.call('POST', '/redfish/v1/SessionService/Sessions', { UserName: 'x', Password: 'cov_wrong' }), 401, 'Base.1.22.NoValidSession');
    assertRedfishError(await t.s.call('POST', '/redfish/v1/SessionService/Sessions', { UserName: 'x' }), 400, 'Base.1.22.PropertyMissing');
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`; // the login is open: its refusal must not overflow
    assertRedfishError(await t.s.call('POST', '/redfish/v1/SessionService/Sessions', deep), 400, 'Base.1.22.PropertyValueTypeError');
  });

  it('lists a v1 node as a composed system of its project only, with its server and device blocks', async () => {
    const listed = await t.rf('GET', '/redfish/v1/Systems', undefined, t.member);
    assert.deepEqual(listed.body.Members, [{ '@odata.id': `/redfish/v1/Systems/${node.uuid}` }]);
    assert.deepEqual((await t.rf('GET', '/redfish/v1/Systems', undefined, t.otherMember)).body.Members, []);
    assertRedfishError(await t.rf('GET', `/redfish/v1/Systems/${node.uuid}`, undefined, t.otherMember), 404, 'Base.1.22.ResourceNotFound');
    const system = await t.rf('GET', `/redfish/v1/Systems/${node.uuid}`, undefined, t.member);
    assert.equal(system.body.SystemType, 'Composed');
    assert.equal(system.body.Name, 'web');
    assert.equal(system.body.PowerState, 'On');
    assert.equal(system.headers.get('etag'), system.body['@odata.etag']);
    const v1 = await t.v1('GET', `/v1/nodes/${node.uuid}`, undefined, t.member);
    const expected = [`${t.podm}.${node.index}`, ...v1.body.devices.map((d: { uuid: string }) => d.uuid)].map((id) => ({ '@odata.id': `${BLOCKS}/${id}` }));
    assert.deepEqual(system.body.Links.ResourceBlocks, expected);
    assert.equal(system.body.PCIeDevices.length, 1);
  });

  it('has one block per server and per device, each in the state the v1 pool shows', async () => {
    const devices = (await t.v1('GET', '/v1/devices')).body as Array<{ uuid: string; state: string; node_id: string | null }>;
    const systems = (await t.v1('GET', '/v1/systems')).body as Array<{ id: string }>;
    const listed = (await t.rf('GET', BLOCKS)).body;
    assert.equal(listed['Members@odata.count'], devices.length + systems.length);
    for (const d of devices) {
      const block = (await t.rf('GET', `${BLOCKS}/${d.uuid}`)).body;
      const expected = d.state === 'free' ? 'Unused' : d.node_id === node.index ? 'Composed' : 'Unavailable';
      assert.equal(block.CompositionStatus.CompositionState, expected, `device ${d.uuid} (${d.state})`);
      assert.deepEqual(block.Links.Zones, [{ '@odata.id': `/redfish/v1/CompositionService/ResourceZones/${t.podm}` }]);
    }
    const server = (await t.rf('GET', `${BLOCKS}/${t.podm}.${node.index}`, undefined, t.member)).body;
    assert.deepEqual([server.ResourceBlockType, server.CompositionStatus.CompositionState, server.Pool], [['Compute'], 'Composed', 'Active']);
    assert.deepEqual(server.Links.ComputerSystems, [{ '@odata.id': `/redfish/v1/Systems/${node.uuid}` }]);
    const hidden = (await t.rf('GET', `${BLOCKS}/${t.podm}.${node.index}`, undefined, t.otherMember)).body;
    assert.deepEqual([hidden.CompositionStatus.CompositionState, hidden.Links.ComputerSystems], ['Composed', []], "another project's system is not named");
  });

  it('has a zone per pod manager listing its blocks, with the capabilities that say how to compose', async () => {
    const zones = (await t.rf('GET', '/redfish/v1/CompositionService/ResourceZones')).body;
    assert.deepEqual(zones.Members, [{ '@odata.id': `/redfish/v1/CompositionService/ResourceZones/${t.podm}` }]);
    const zone = (await t.rf('GET', zones.Members[0]['@odata.id'])).body;
    assert.equal(zone.Name, 'podm1');
    assert.equal(zone.Links.ResourceBlocks.length, (await t.rf('GET', BLOCKS)).body['Members@odata.count']);
    const useCases = zone['@Redfish.CollectionCapabilities'].Capabilities.map((c: { UseCase: string }) => c.UseCase);
    assert.deepEqual(useCases, ['ComputerSystemComposition', 'ComputerSystemConstrainedComposition']);
    for (const c of zone['@Redfish.CollectionCapabilities'].Capabilities) assert.equal((await t.rf('GET', c.CapabilitiesObject['@odata.id'])).status, 200);
  });

  it("shows each device's card as a chassis with a PCIe device and function, ids as v1 has them", async () => {
    const gpu = ((await t.v1('GET', '/v1/devices?type=GPU')).body as Array<{ uuid: string }>)[0]!;
    const v1 = (await t.v1('GET', `/v1/devices/${gpu.uuid}`)).body;
    const chassis = (await t.rf('GET', `/redfish/v1/Chassis/${gpu.uuid}`)).body;
    assert.equal(chassis.ChassisType, 'Expansion');
    const fn = (await t.rf('GET', `/redfish/v1/Chassis/${gpu.uuid}/PCIeDevices/1/PCIeFunctions/0`)).body;
    assert.deepEqual([fn.ClassCode, fn.VendorId, fn.DeviceId, fn.DeviceClass], [v1.properties.pcie_class_code, v1.properties.pcie_vendor_id, v1.properties.pcie_device_id, 'DisplayController']);
    assertRedfishError(await t.rf('GET', `/redfish/v1/Chassis/${t.podm}.${node.index}/PCIeDevices`), 404, 'Base.1.22.ResourceNotFound');
  });

  it('answers a wrong method 405 with Allow, another OData version 412, unknown ids 404, all in Redfish form', async () => {
    const put = await t.rf('PUT', '/redfish/v1/CompositionService/ResourceBlocks');
    assertRedfishError(put, 405, 'Base.1.22.OperationNotAllowed');
    assert.equal(put.headers.get('allow'), 'GET');
    assertRedfishError(await t.rf('GET', '/redfish/v1/Systems', undefined, t.admin, { 'odata-version': '3.0' }), 412, 'Base.1.22.HeaderInvalid');
    assertRedfishError(await t.rf('GET', `${BLOCKS}/nope`), 404, 'Base.1.22.ResourceNotFound');
    assertRedfishError(await t.rf('GET', '/redfish/v1/Chassis/nope'), 404, 'Base.1.22.ResourceNotFound');
  });
});

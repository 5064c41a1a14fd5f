import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { REQUIRED_PROPERTIES, missingRequired } from '../../src/api/redfish/required-properties.js';
import { assertRedfishError, block, BLOCKS, startRedfishStack, type RedfishStack } from './support.js';

const COMPOSE = '/redfish/v1/CompositionService/Actions/CompositionService.Compose';
const RESERVATIONS = '/redfish/v1/CompositionService/CompositionReservations';
const RESERVATION_SECONDS = 2;

describe('#CompositionService.Compose with a manifest', () => {
  let t: RedfishStack;
  const stanza = (id: string, request: object) => ({ StanzaType: 'ComposeSystem', StanzaId: id, Request: request });
  const manifest = (type: string, ...stanzas: object[]) => ({ RequestFormat: 'Manifest', RequestType: type, Manifest: { Stanzas: stanzas } });
  const nic = (name: string) => stanza(name, { Name: name, NetworkInterfaces: { Members: [{ '@Redfish.RequestedCount': 1 }] } });
  const nodes = async () => (await t.v1('GET', '/v1/nodes')).body as Array<{ uuid: string; name: string }>;

  before(async () => {
    t = await startRedfishStack({ redfishReservation: RESERVATION_SECONDS });
  });
  after(() => t.s.close());
  beforeEach(async () => {
    for (const r of (await t.rf('GET', RESERVATIONS)).body.Members) await t.rf('DELETE', r['@odata.id']);
    for (const n of await nodes()) await t.v1('DELETE', `/v1/nodes/${n.uuid}`);
  });

  it('Preview shows the blocks each stanza would get, disjoint, and changes nothing', async () => {
    const r = await t.rf('POST', COMPOSE, manifest('Preview', stanza('a', { Name: 'a' }), stanza('b', { Name: 'b' })), t.member);
    assert.equal(r.status, 200, r.text);
    const servers = r.body.Manifest.Stanzas.map((s: { Response: { Links: { ResourceBlocks: Array<{ '@odata.id': string }> } } }) => s.Response.Links.ResourceBlocks[0]!['@odata.id']);
    assert.equal(new Set(servers).size, 2, 'two stanzas, two servers');
    assert.deepEqual(await nodes(), []);
    assert.deepEqual((await t.rf('GET', RESERVATIONS)).body.Members, []);
    assertRedfishError(await t.rf('POST', COMPOSE, manifest('Preview', stanza('a', { Name: 'a' }), stanza('b', { Name: 'b' }), stanza('c', { Name: 'c' })), t.member),
      409, 'Composition.1.1.NoResourceMatch');
  });

  it('PreviewReserve holds the blocks: other composes (v1 too) do not get them, the blocks say Reserved, Apply composes them', async () => {
    const r = await t.rf('POST', COMPOSE, manifest('PreviewReserve', nic('held')), t.member);
    assert.equal(r.status, 200, r.text);
    const id = r.body.ReservationId as string;
    const held = r.body.Manifest.Stanzas[0].Response.Links.ResourceBlocks as Array<{ '@odata.id': string }>;
    const reservation = await t.rf('GET', `${RESERVATIONS}/${id}`, undefined, t.member);
    assert.deepEqual(missingRequired(reservation.body, REQUIRED_PROPERTIES.CompositionReservation), []);
    assert.deepEqual(reservation.body.ReservedResourceBlocks, held);
    assertRedfishError(await t.rf('GET', `${RESERVATIONS}/${id}`, undefined, t.otherMember), 404, 'Base.1.22.ResourceNotFound');
    for (const b of held) assert.equal((await t.rf('GET', b['@odata.id'])).body.CompositionStatus.Reserved, true);

    const v1 = await t.v1('POST', '/v1/nodes', { name: 'wants-nic', properties: { pci_device: { type: ['NIC'] } } }, t.otherMember);
    assert.equal(v1.status, 404, `the only free 40G NIC and server are held: ${v1.text}`);
    const named = await t.rf('POST', '/redfish/v1/Systems', { Name: 'named', Links: { ResourceBlocks: [held[0]!] } }, t.otherMember);
    assertRedfishError(named, 409, 'Base.1.22.ResourceInUse');

    assertRedfishError(await t.rf('POST', COMPOSE, { ...manifest('Apply', nic('other')), ReservationId: id }, t.member), 400, 'Base.1.22.ActionParameterValueConflict');
    const applied = await t.rf('POST', COMPOSE, { RequestFormat: 'Manifest', RequestType: 'Apply', ReservationId: id }, t.member);
    assert.equal(applied.status, 200, applied.text);
    const system = applied.body.Manifest.Stanzas[0].Response;
    assert.deepEqual(system.Links.ResourceBlocks, held);
    assert.deepEqual((await nodes()).map((n) => n.name), ['held']);
    assert.equal((await t.rf('GET', `${RESERVATIONS}/${id}`, undefined, t.member)).status, 404, 'an applied reservation is gone');
    for (const b of held) assert.equal((await t.rf('GET', b['@odata.id'])).body.CompositionStatus.Reserved, false);
  });

  it('a reservation expires by itself after ReservationDuration, and its blocks are free again', async () => {
    assert.equal((await t.rf('GET', '/redfish/v1/CompositionService')).body.ReservationDuration, `PT${RESERVATION_SECONDS}S`);
    const r = await t.rf('POST', COMPOSE, manifest('PreviewReserve', nic('brief')), t.member);
    const held = r.body.Manifest.Stanzas[0].Response.Links.ResourceBlocks[1]['@odata.id'] as string;
    await sleep(RESERVATION_SECONDS * 1000 + 200);
    assert.deepEqual((await t.rf('GET', RESERVATIONS, undefined, t.member)).body.Members, []);
    assert.equal((await t.rf('GET', held)).body.CompositionStatus.Reserved, false);
    const v1 = await t.v1('POST', '/v1/nodes', { name: 'after', properties: { pci_device: { type: ['NIC'] } } }, t.otherMember);
    assert.equal(v1.status, 200, v1.text);
    assertRedfishError(await t.rf('POST', COMPOSE, { RequestFormat: 'Manifest', RequestType: 'Apply', ReservationId: r.body.ReservationId }, t.member), 404, 'Base.1.22.ResourceNotFound');
  });

  it('Apply composes every stanza or none: a stanza that cannot be had undoes the ones before it', async () => {
    const all = await t.rf('POST', COMPOSE, manifest('Apply', nic('one'), stanza('two', { Name: 'two', Links: { ResourceBlocks: [block(`${t.podm}.0x1111111111`)] } })), t.member);
    assertRedfishError(all, 409, 'Base.1.22.ResourceInUse');
    assert.deepEqual(await nodes(), [], 'the first stanza was undone');
    const ok = await t.rf('POST', COMPOSE, manifest('Apply', nic('one'), stanza('two', { Name: 'two' })), t.member);
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual((await nodes()).map((n) => n.name).sort(), ['one', 'two']);
  });

  it('refuses an empty manifest, another format, and DELETE ends a reservation', async () => {
    assertRedfishError(await t.rf('POST', COMPOSE, manifest('Apply'), t.member), 400, 'Composition.1.1.EmptyManifest');
    assertRedfishError(await t.rf('POST', COMPOSE, { RequestFormat: 'Other', RequestType: 'Apply' }, t.member), 400, 'Base.1.22.PropertyValueNotInList');
    const r = await t.rf('POST', COMPOSE, manifest('PreviewReserve', nic('dropped')), t.member);
    assert.equal((await t.rf('DELETE', `${RESERVATIONS}/${r.body.ReservationId}`, undefined, t.member)).status, 204);
    assert.deepEqual((await t.rf('GET', RESERVATIONS, undefined, t.admin)).body.Members, []);
    const listed = (await t.rf('GET', BLOCKS)).body.Members as Array<{ '@odata.id': string }>;
    for (const b of listed) assert.equal((await t.rf('GET', b['@odata.id'])).body.CompositionStatus.Reserved, false);
  });
});

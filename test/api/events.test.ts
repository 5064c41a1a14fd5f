// Every change covalence makes or observes is an event, in order, on the stream and in the listing;
// a client that reconnects with Last-Event-ID misses nothing and sees nothing twice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { collect, gapFree, inOrder, type Collector, type WireEvent } from '../support/events.js';

const TOPOLOGY = { generate: { servers: 6, devices: 24, seed: 7 } };

describe('events', { timeout: 120_000 }, () => {
  let s: Stack;
  let stream: Collector;
  let podm: string;

  before(async () => {
    s = await startStack({ topology: TOPOLOGY, config: { eemReadTimeout: 1, eemConnectTimeout: 1 } });
    stream = collect(`${s.api}/v1/events/stream?since=0`);
    podm = await s.addPodManager();
  });
  after(async () => {
    await stream.close();
    await s.close();
  });

  const listed = async (since = 0): Promise<WireEvent[]> => (await s.call('GET', `/v1/events?since=${since}&limit=1000`)).body;
  const last = async () => (await listed()).at(-1)?.seq ?? 0;
  const sync = async () => assert.equal((await s.call('POST', '/v1/devices/sync', { podm_id: podm })).body[0].status, 'SUCCESS');
  const deviceOf = async (eemId: string) => ((await s.call('GET', '/v1/devices')).body as Array<{ uuid: string; resource_uri: string }>).find((d) => d.resource_uri === `devices/${eemId}`)!.uuid;
  const groupOf = (id: string) => s.sim.fabric.get(id)!.group_id;

  /** Runs `change`, then waits for the stream to carry what it recorded; returns those events. */
  async function eventsOf(change: () => Promise<unknown>): Promise<WireEvent[]> {
    const mark = await last();
    await change();
    const head = await last();
    await stream.until((es) => es.some((e) => e.seq === head));
    const fresh = stream.events.filter((e) => e.seq > mark);
    assert.deepEqual(fresh, await listed(mark), 'the stream and the listing carry the same events');
    return fresh;
  }

  it('a new pod manager: created, its devices added, a drift summary', async () => {
    const es = await stream.until((all) => all.some((e) => e.kind === 'sync.drift'));
    assert.ok(inOrder(es, ['pod_manager.created', 'device.added', 'sync.drift']));
    assert.equal(es.filter((e) => e.kind === 'device.added').length, 24);
    assert.ok(es.every((e) => e.podm_id === podm));
  });

  let node: string;
  let server: string;
  it('compose: each device attached, then the node composed, with request id and caller', async () => {
    let requestId = '';
    const es = await eventsOf(async () => {
      const r = await s.call('POST', '/v1/nodes', { name: 'ev', podm_id: podm, properties: { pci_device: { type: ['NIC', 'SSD'] } } });
      assert.equal(r.status, 200, r.text);
      node = r.body.uuid;
      server = r.body.index;
      requestId = r.headers.get('x-openstack-request-id')!;
    });
    assert.deepEqual(es.map((e) => e.kind), ['device.attached', 'device.attached', 'node.composed']);
    assert.ok(es.every((e) => e.node_id === node && e.request_id === requestId && e.caller === 'anonymous@default'));
    assert.deepEqual(es[2]!.before, { state: 'composing' });
    assert.equal(es[2]!.after!.state, 'composed');
  });

  let spare: string;
  it('attach and detach: one event each, before and after', async () => {
    const free = s.sim.fabric.list().find((b) => b.status === 'eeio' && b.group_id === '4093' && b.type === s.sim.fabric.get(server)!.type)!;
    spare = await deviceOf(free.id);
    const attached = await eventsOf(() => s.call('POST', `/v1/nodes/${node}/action`, { attach: { resource_id: spare } }));
    assert.deepEqual(attached.map((e) => [e.kind, e.target, e.after!.state]), [['device.attached', spare, 'allocated']]);
    const detached = await eventsOf(() => s.call('POST', `/v1/nodes/${node}/action`, { detach: { resource_id: spare } }));
    assert.deepEqual(detached.map((e) => [e.kind, e.target, e.before!.state, e.after!.state]), [['device.detached', spare, 'allocated', 'free']]);
  });

  const OUT_OF_BAND: Array<{ name: string; apply(): Promise<unknown>; expect: string[] }> = [
    { name: 'a device plugged in', apply: () => s.simControl('POST', '/_sim/devices', { status: 'eeio', type: s.sim.fabric.get(server)!.type, group_id: '4093' }), expect: ['device.added', 'sync.drift'] },
    { name: "an attached device's link down", apply: () => s.simControl('PATCH', `/_sim/devices/${ownedBoards()[0]}`, { notification_status0: ['down', 'down'] }), expect: ['device.state_changed', 'node.state_changed', 'sync.drift'] },
    { name: 'that link up again', apply: () => s.simControl('PATCH', `/_sim/devices/${ownedBoards()[0]}`, { notification_status0: ['up', 'down'] }), expect: ['device.state_changed', 'node.state_changed', 'sync.drift'] },
    { name: "a free device put into the node's group", apply: () => s.simControl('PATCH', `/_sim/devices/${freeBoard()}`, { group_id: groupOf(server) }), expect: ['device.state_changed', 'node.state_changed', 'sync.drift'] },
    { name: 'that device taken out again', apply: () => s.simControl('PATCH', `/_sim/devices/${foreignBoard()}`, { group_id: '4093' }), expect: ['device.state_changed', 'node.state_changed', 'sync.drift'] },
    { name: 'an attached device moved to another group', apply: () => s.simControl('PATCH', `/_sim/devices/${ownedBoards()[1]}`, { group_id: '777' }), expect: ['device.state_changed', 'node.state_changed', 'sync.drift'] },
    { name: 'an attached device disabled', apply: () => s.simControl('PATCH', `/_sim/devices/${ownedBoards()[0]}`, { admin_status: 'disable' }), expect: ['device.state_changed', 'sync.drift'] },
    { name: 'a free device unplugged', apply: () => s.simControl('DELETE', `/_sim/devices/${freeBoard()}`), expect: ['device.removed', 'sync.drift'] },
    { name: "the node's server unplugged", apply: () => s.simControl('DELETE', `/_sim/devices/${server}`), expect: ['device.changed', 'node.state_changed', 'sync.drift'] },
  ];
  let foreign = '';
  const ownedBoards = () => s.sim.fabric.list().filter((b) => b.status === 'eeio' && b.group_id === groupOf(server)).map((b) => b.id);
  const freeBoard = () => (foreign = s.sim.fabric.list().find((b) => b.status === 'eeio' && b.group_id === '4093' && b.type === s.sim.fabric.get(server)!.type)!.id);
  const foreignBoard = () => foreign;

  for (const change of OUT_OF_BAND) {
    it(`out of band, seen by sync: ${change.name}`, async () => {
      const es = await eventsOf(async () => {
        const r = await change.apply();
        assert.ok((r as { status: number }).status < 300, JSON.stringify(r));
        await sync();
      });
      assert.ok(inOrder(es, change.expect), `${change.expect.join(', ')} in ${es.map((e) => e.kind).join(', ')}`);
      assert.ok(es.every((e) => e.request_id !== null), 'a sync asked for over the API carries its request');
    });
  }

  it('decompose: the node leaves decomposing, then is gone', async () => {
    const es = await eventsOf(() => s.call('DELETE', `/v1/nodes/${node}`));
    assert.equal(es[0]!.kind, 'node.state_changed');
    assert.equal(es[0]!.after!.state, 'decomposing');
    assert.equal(es.at(-1)!.kind, 'node.decomposed');
  });

  it('a pod manager going down and up', async () => {
    const down = await eventsOf(async () => {
      await s.simControl('POST', '/_sim/faults', { path: '/', status: 503, count: null });
      await s.call('POST', '/v1/devices/sync', { podm_id: podm });
    });
    assert.deepEqual(down.map((e) => [e.kind, e.before!.status, e.after!.status]), [['pod_manager.status_changed', 'Online', 'Offline']]);
    const up = await eventsOf(async () => {
      await s.simControl('DELETE', '/_sim/faults');
      await sync();
    });
    assert.deepEqual(up.filter((e) => e.kind === 'pod_manager.status_changed').map((e) => e.after!.status), ['Online']);
  });

  it('one gap-free sequence, and filters', async () => {
    const all = await listed();
    assert.ok(gapFree(all));
    assert.equal(all[0]!.seq, 1);
    const kinds = (await s.call('GET', '/v1/events?kind=node.composed,node.decomposed')).body as WireEvent[];
    assert.deepEqual(kinds.map((e) => e.kind), ['node.composed', 'node.decomposed']);
    const ofNode = (await s.call('GET', `/v1/events?node_id=${node}&limit=1000`)).body as WireEvent[];
    assert.ok(ofNode.length > 3 && ofNode.every((e) => e.node_id === node));
    assert.equal((await s.call('GET', '/v1/events?kind=nonsense')).status, 400);
    assert.equal((await s.call('POST', '/v1/events', {})).status, 405);
    const json = await s.call('GET', '/v1/events/stream');
    assert.equal(json.status, 406, 'a client asking for JSON is not left waiting on a stream');
    assert.match(json.body.detail, /text\/event-stream/);
    const head = await fetch(`${s.api}/v1/events/stream`, { method: 'HEAD', headers: { accept: '*/*' }, signal: AbortSignal.timeout(5_000) });
    assert.equal(head.status, 200, 'a HEAD of the stream answers its headers at once');
    assert.match(head.headers.get('content-type') ?? '', /^text\/event-stream/);
  });

  it('a client resuming with Last-Event-ID misses nothing and sees nothing twice', async () => {
    const all = await listed();
    const half = all[Math.floor(all.length / 2)]!.seq;
    const resumed = collect(`${s.api}/v1/events/stream?since=0`, { lastEventId: String(half) });
    try {
      await resumed.until((es) => es.at(-1)?.seq === all.at(-1)!.seq);
      // and live ones after the catch-up
      await s.call('PATCH', `/v1/pod_managers/${podm}`, { description: 'resumed' });
      const head = await last();
      const es = await resumed.until((xs) => xs.at(-1)?.seq === head);
      assert.equal(es[0]!.seq, half + 1);
      assert.ok(gapFree(es));
      assert.equal(es.at(-1)!.kind, 'pod_manager.updated');
    } finally {
      await resumed.close();
    }
  });
});

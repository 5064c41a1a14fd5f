import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, type Answer } from '../../support/stack.js';
import { assertFabricAgrees, replicaWorld, settled, startReplica, type Replica } from './support.js';

const WANTS = [['NIC'], ['SSD'], ['NIC', 'SSD'], [], ['GPU'], ['NIC', 'NIC']];
const COMPOSES = 48;

describe('two replicas on one PostgreSQL', { timeout: 180_000 }, () => {
  const world = replicaWorld({ servers: 20, devices: 50, seed: 7 }, 'covalence-replicas-');

  it('compose from 8 clients over both, one SIGKILLed mid-way: no server or device handed out twice, nothing left orphaned', async (t) => {
    const { sim, database, dir, replicas } = world;
    const key = join(dir, 'secret.key');
    replicas.push(await startReplica(database.url, key, ['--sync-interval', '2']));
    replicas.push(await startReplica(database.url, key, ['--sync-interval', '2']));
    const [doomed, survivor] = replicas as [Replica, Replica];
    const podm = (await http(`${doomed.api}/v1/pod_managers`, 'POST', podManagerBody(sim.url))).body.uuid as string;
    assert.ok(podm);
    // Every group change takes a while on the fabric, so composes are in flight when the replica dies.
    await http(`${sim.origin}/_sim/faults`, 'POST', { method: 'PUT', path: 'group_id', latency_ms: 80, count: null },
      { authorization: `Basic ${Buffer.from(`${EEM_USER}:${EEM_PASSWORD}`).toString('base64')}` });

    const answers: Array<{ want: string[]; answer: Answer | 'lost' }> = [];
    let next = 0;
    let killed: Promise<unknown> | undefined;
    const client = async (c: number) => {
      let replica = replicas[c % 2]!;
      while (next < COMPOSES) {
        const i = next++;
        const want = WANTS[i % WANTS.length]!;
        const sent = http(`${replica.api}/v1/nodes`, 'POST', { podm_id: podm, name: `n${i}`, properties: { pci_device: { type: want } } });
        if (i === 16) {
          doomed.running.child.kill('SIGKILL');
          killed = doomed.running.exited;
        }
        try {
          answers.push({ want, answer: await sent });
        } catch {
          answers.push({ want, answer: 'lost' }); // the replica died with the request: its outcome is the survivor's to settle
          replica = survivor;
        }
        if (replica === doomed && killed) replica = survivor;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    assert.equal(await killed, 'SIGKILL');

    const lost = answers.filter((a) => a.answer === 'lost').length;
    const answered = answers.flatMap((a) => (a.answer === 'lost' ? [] : [{ want: a.want, ...a.answer }]));
    assert.ok(lost > 0, 'some composes were cut short by the kill');
    for (const a of answered) assert.ok(a.status === 200 || a.status === 404, `${a.status} ${a.text}`);
    const composed = answered.filter((a) => a.status === 200);
    assert.ok(composed.length > 5, `${composed.length} composed`);
    t.diagnostic(`cut short ${lost}, composed ${composed.length}, refused ${answered.length - composed.length}`);

    // The survivor takes over the dead replica's journal once its lease (3 s) runs out.
    await settled(database.url, 20_000);
    assert.match(survivor.running.output(), /recovering operation/);
    const nodes = await assertFabricAgrees(sim, survivor.api, podm);
    for (const a of composed) {
      const node = nodes.find((n) => n.uuid === a.body.uuid);
      assert.ok(node, `node ${a.body.uuid} that was answered 200 still exists`);
      const group = sim.fabric.get(node.index)!.group_id;
      const members = group === '4094' ? [] : sim.fabric.list({ status: 'eeio', group_id: group });
      assert.equal(members.length, a.want.length, `server ${node.index} holds exactly what was asked`);
    }
    const again = await http(`${survivor.api}/v1/nodes`, 'POST', { podm_id: podm, name: 'after', properties: { pci_device: { type: [] } } });
    assert.ok(again.status === 200 || again.status === 404, again.text);
  });
});

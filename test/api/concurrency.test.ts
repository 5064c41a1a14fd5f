import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startStack } from '../../support/stack.js';

const WANTS = [['NIC'], ['SSD'], ['NIC', 'SSD'], [], ['GPU'], ['NIC', 'NIC']];

describe('compose under concurrency', () => {
  it('100 composes from 8 parallel clients on a pool that holds fewer: distinct servers and devices, failures leave nothing', async () => {
    const s = await startStack({ topology: { generate: { servers: 40, devices: 90, seed: 11 } } });
    try {
      const podm = await s.addPodManager();
      const results: Array<{ status: number; body: { uuid?: string; index?: string }; want: string[] }> = [];
      let next = 0;
      const client = async () => {
        while (next < 100) {
          const i = next++;
          const want = WANTS[i % WANTS.length]!;
          const r = await s.call('POST', '/v1/nodes', { podm_id: podm, name: `n${i}`, properties: { pci_device: { type: want } } });
          results.push({ status: r.status, body: r.body, want });
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));

      const ok = results.filter((r) => r.status === 200);
      const failed = results.filter((r) => r.status !== 200);
      assert.equal(results.length, 100);
      assert.ok(ok.length > 0 && ok.length < 100, `${ok.length} succeeded`);
      for (const f of failed) assert.equal(f.status, 404, JSON.stringify(f.body));

      // Checked on the simulator's own state, not covalence's.
      const fabric = s.sim.fabric;
      const servers = new Set(ok.map((r) => r.body.index!));
      assert.equal(servers.size, ok.length, 'every success owns a distinct server');
      let attached = 0;
      for (const r of ok) {
        const server = fabric.get(r.body.index!)!;
        const members = r.want.length === 0 ? [] : fabric.list({ status: 'eeio', group_id: server.group_id });
        assert.equal(members.length, r.want.length, `server ${server.id} holds exactly what was asked`);
        attached += members.length;
      }
      const inUse = fabric.list({ status: 'eeio' }).filter((d) => d.group_id !== '4093');
      assert.equal(inUse.length, attached, 'no device is attached that no node owns');
      for (const sv of fabric.list({ status: 'eesv' })) {
        if (!servers.has(sv.id)) assert.equal(sv.group_id, '4094', `unused server ${sv.id} kept no group`);
      }
      const nodes = (await s.call('GET', '/v1/nodes')).body;
      assert.equal(nodes.length, ok.length);
    } finally {
      await s.close();
    }
  });
});

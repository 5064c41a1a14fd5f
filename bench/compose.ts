// Fabric calls per verb, and compose from 1 and from 8 clients with the EEM answering at once and
// with 20 ms added to every EEM call (a simulator fault rule): rate, ratio, double assignments,
// and the time of decomposing a 1-NIC node. covalence and the simulator are processes of their own.
import { percentile, progress, round, timed } from './measure.js';
import { addPodManager, startServed, type Served, type SimProcess } from './served.js';

export interface VerbCost { verb: 'compose' | 'attach' | 'detach' | 'decompose'; eemCalls: number; calls: string }
export interface ComposeRate { latencyMs: number; clients: number; composes: number; composesPerSecond: number; medianMs: number; p99Ms: number; doubleAssignments: number }
export interface ComposeResults { verbs: VerbCost[]; rates: ComposeRate[]; decompose: Array<{ latencyMs: number; samples: number; medianMs: number }> }

interface Calls { total: number; calls: Record<string, number> }

export async function benchCompose({ perClient = 8, latencies = [0, 20] } = {}): Promise<ComposeResults> {
  const s = await startServed();
  try {
    const sim = await s.sim({ servers: 400, devices: 4_000, seed: 9 });
    const podm = await addPodManager(s, sim, 'compose');
    const compose = async (name: string) => {
      const r = await s.call('POST', '/v1/nodes', { podm_id: podm, name, properties: { pci_device: { type: ['NIC'] } } });
      if (r.status !== 200) throw new Error(`compose failed: ${JSON.stringify(r.body)}`);
      return r.body as { uuid: string; index: string };
    };
    const verbs = await verbCosts(s, sim, podm, compose);
    const rates: ComposeRate[] = [];
    const decompose: ComposeResults['decompose'] = [];
    for (const latencyMs of latencies) {
      if (latencyMs > 0) await sim.control('POST', '/_sim/faults', { path: '/', latency_ms: latencyMs, count: 1_000_000 });
      for (const clients of [1, 8]) {
        const composes = perClient * clients;
        const times: number[] = [];
        let next = 0;
        const start = performance.now();
        await Promise.all(Array.from({ length: clients }, async () => {
          while (next < composes) {
            const i = next++;
            progress(`compose, EEM +${latencyMs} ms, ${clients} client(s): ${i + 1}/${composes}`);
            times.push((await timed(() => compose(`c${latencyMs}-${clients}-${i}`))).ms);
          }
        }));
        const seconds = (performance.now() - start) / 1000;
        rates.push({
          latencyMs, clients, composes, composesPerSecond: round(composes / seconds), medianMs: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)),
          doubleAssignments: await doubleAssignments(s, sim),
        });
        const spent: number[] = [];
        for (const n of (await s.call('GET', '/v1/nodes')).body as Array<{ uuid: string }>) {
          progress(`decompose, EEM +${latencyMs} ms`);
          spent.push((await timed(() => s.call('DELETE', `/v1/nodes/${n.uuid}`))).ms);
        }
        if (clients === 8) decompose.push({ latencyMs, samples: spent.length, medianMs: round(percentile(spent, 50)) });
      }
      await sim.control('DELETE', '/_sim/faults');
    }
    progress('');
    return { verbs, rates, decompose };
  } finally {
    await s.close();
  }
}

/** EEM calls of one compose (1 NIC), attach, detach and decompose, with the calls by method and path. */
async function verbCosts(s: Served, sim: SimProcess, podm: string, compose: (name: string) => Promise<{ uuid: string }>): Promise<VerbCost[]> {
  const counted = async (verb: VerbCost['verb'], work: () => Promise<unknown>): Promise<VerbCost> => {
    await sim.control('DELETE', '/_sim/stats');
    await work();
    const { total, calls } = (await sim.control('GET', '/_sim/stats')) as Calls;
    return { verb, eemCalls: total, calls: Object.entries(calls).map(([call, n]) => `${call} ×${n}`).join(', ') };
  };
  let node = { uuid: '' };
  const costs = [await counted('compose', async () => { node = await compose('costs'); })];
  const free = (await s.call('GET', `/v1/devices?podm_id=${podm}&state=free&type=NIC&limit=1`)).body as Array<{ uuid: string }>;
  const action = (verb: 'attach' | 'detach') => s.call('POST', `/v1/nodes/${node.uuid}/action`, { [verb]: { resource_id: free[0]!.uuid } });
  costs.push(await counted('attach', () => action('attach')));
  costs.push(await counted('detach', () => action('detach')));
  costs.push(await counted('decompose', () => s.call('DELETE', `/v1/nodes/${node.uuid}`)));
  return costs;
}

/**
 * On the simulator's own state: a server handed to two nodes, or a node whose server's group holds
 * another count of devices than the one NIC it asked for (a device handed to two nodes).
 */
async function doubleAssignments(s: Served, sim: SimProcess): Promise<number> {
  const nodes = (await s.call('GET', '/v1/nodes')).body as Array<{ index: string }>;
  const { devices } = (await sim.control('GET', '/eem/devices/detail')) as { devices: Array<{ id: string; status: string; group_id: string }> };
  const inGroup = new Map<string, number>();
  for (const d of devices) if (d.status === 'eeio') inGroup.set(d.group_id, (inGroup.get(d.group_id) ?? 0) + 1);
  const groupOf = new Map(devices.map((d) => [d.id, d.group_id]));
  const sharedServers = nodes.length - new Set(nodes.map((n) => n.index)).size;
  return sharedServers + nodes.filter((n) => inGroup.get(groupOf.get(n.index)!) !== 1).length;
}

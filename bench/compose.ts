// Compose latency by device count, compose throughput under parallel clients, and attach/detach latency.
import { startStack, type Stack } from '../support/stack.js';
import { percentile, progress, round, timed } from './measure.js';

export interface ComposeLatency { devices: number; samples: number; medianMs: number; p99Ms: number; eemCallsPerCompose: number }
export interface ComposeThroughput { clients: number; composes: number; composesPerSecond: number; medianMs: number; p99Ms: number }
export interface AttachLatency { operation: 'attach' | 'detach'; samples: number; medianMs: number; p99Ms: number }
export interface ComposeResults { latency: ComposeLatency[]; throughput: ComposeThroughput; attach: AttachLatency[] }

const TYPES = ['NIC', 'SSD', 'GPU', 'ACS'];

export async function benchCompose({ samples = 40, parallel = 8, bulk = 200 } = {}): Promise<ComposeResults> {
  const s = await startStack({ topology: { generate: { servers: 400, devices: 4_000, seed: 9 } } });
  try {
    const podm = await s.addPodManager();
    const compose = (name: string, types: string[]) => s.call('POST', '/v1/nodes', { podm_id: podm, name, properties: { pci_device: { type: types } } });
    const latency: ComposeLatency[] = [];
    for (const n of [1, 2, 4]) {
      const times: number[] = [];
      let calls = 0;
      for (let i = 0; i < samples; i++) {
        progress(`compose latency, ${n} device(s): ${i + 1}/${samples}`);
        await s.simControl('DELETE', '/_sim/stats');
        const { ms, value } = await timed(() => compose(`lat-${n}-${i}`, TYPES.slice(0, n)));
        if (value.status !== 200) throw new Error(`compose failed: ${value.text}`);
        calls += ((await s.simControl('GET', '/_sim/stats')).body as { total: number }).total;
        times.push(ms);
      }
      latency.push({ devices: n, samples, medianMs: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), eemCallsPerCompose: round(calls / samples) });
      await decomposeAll(s);
    }

    const times: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < bulk) {
        const i = next++;
        progress(`compose throughput: ${i + 1}/${bulk}`);
        const { ms, value } = await timed(() => compose(`bulk-${i}`, TYPES.slice(0, 1 + (i % 2))));
        if (value.status !== 200) throw new Error(`compose failed: ${value.text}`);
        times.push(ms);
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    const throughput = { clients: parallel, composes: bulk, composesPerSecond: round(bulk / seconds), medianMs: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
    await decomposeAll(s);

    const node = (await compose('moves', [])).body;
    const free = (await s.call('GET', `/v1/devices?podm_id=${podm}&state=free&type=NIC`)).body.slice(0, samples) as Array<{ uuid: string }>;
    const attachTimes: number[] = [];
    const detachTimes: number[] = [];
    for (const [i, d] of free.entries()) {
      progress(`attach/detach: ${i + 1}/${free.length}`);
      attachTimes.push((await timed(() => s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: d.uuid } }))).ms);
      detachTimes.push((await timed(() => s.call('POST', `/v1/nodes/${node.uuid}/action`, { detach: { resource_id: d.uuid } }))).ms);
    }
    progress('');
    const summary = (operation: 'attach' | 'detach', t: number[]) => ({ operation, samples: t.length, medianMs: round(percentile(t, 50)), p99Ms: round(percentile(t, 99)) });
    return { latency, throughput, attach: [summary('attach', attachTimes), summary('detach', detachTimes)] };
  } finally {
    await s.close();
  }
}

async function decomposeAll(s: Stack): Promise<void> {
  for (const n of (await s.call('GET', '/v1/nodes')).body) await s.call('DELETE', `/v1/nodes/${n.uuid}`);
}

// One sync of a large pool: wall time, EEM calls, peak memory.
import { startStack } from '../support/stack.js';
import { peakRss, round, timed } from './measure.js';

export interface SyncResult { servers: number; devices: number; firstSyncMs: number; resyncMs: number; eemCalls: number; peakRssMiB: number }

export async function benchSync(sizes: ReadonlyArray<[servers: number, devices: number]> = [[100, 1_000], [1_000, 10_000]]): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const [servers, devices] of sizes) {
    const s = await startStack({ topology: { generate: { servers, devices, seed: 3 } } });
    try {
      // Creating the pod manager runs the first sync: every device is new.
      const first = await peakRss(() => timed(() => s.addPodManager()));
      const podm = first.value.value;
      await s.simControl('DELETE', '/_sim/stats');
      const again = await timed(() => s.call('POST', '/v1/devices/sync', { podm_id: podm }));
      const stats = (await s.simControl('GET', '/_sim/stats')).body as { total: number };
      results.push({
        servers, devices, firstSyncMs: round(first.value.ms), resyncMs: round(again.ms), eemCalls: stats.total, peakRssMiB: round(first.peakMiB),
      });
    } finally {
      await s.close();
    }
  }
  return results;
}

// The pool served by a real `covalence serve` process: a small pool (200 devices) and a large one
// (2,000 or 10,000): syncs of the large one (full and no-change), the device listing at 1 and 8
// connections as it is sent and gzipped, revalidation (304), a device show, peak memory, and, at the
// largest size, shows while its devices sync anew (latency and event-loop delay). The full sync is
// timed alone, as the issue's row is; the sync under the shows' load is timed too, and shown.
import { request } from 'undici';
import { load, type LoadResult } from './load.js';
import { percentile, progress, round, timed } from './measure.js';
import { addPodManager, startServed, type Served, type SimProcess } from './served.js';

export interface ListingRow extends LoadResult { connections: number; encoding: 'identity' | 'gzip' | '304' }

export interface PoolResult {
  devices: number;
  fullSyncMs: number;
  noChangeSyncMs: number;
  listing: ListingRow[];
  show: LoadResult;
  peakRssMiB: number;
  /** Only at the largest size: the large pool synced anew (every device new) under a load of shows of the small pool's. */
  duringSync?: { syncMs: number; show: LoadResult; loopP99Ms: number; loopMaxMs: number; peakRssMiB: number };
}

export async function benchPool({ sizes = [2_000, 10_000], seconds = 3 } = {}): Promise<PoolResult[]> {
  const results: PoolResult[] = [];
  for (const devices of sizes) results.push(await size(devices, seconds, devices === Math.max(...sizes)));
  return results;
}

async function size(devices: number, seconds: number, withSync: boolean): Promise<PoolResult> {
  const served = await startServed();
  try {
    const label = `${devices} devices`;
    progress(`${label}: starting`);
    // A small pool first, whose devices are shown while the large one syncs. (Generated pools draw
    // board ids at random: two large ones would share a few, and one EEM is one pod manager.)
    await addPodManager(served, await served.sim({ servers: 20, devices: 200, seed: 5 }), 'small');
    const url = `${served.api}/v1/devices`;
    const one = (await served.call('GET', '/v1/devices?limit=1')).body[0].uuid as string;
    const sim = await served.sim({ servers: devices / 10, devices, seed: 11 });
    const full = await timed(() => addPodManager(served, sim, 'big'));
    const again: number[] = [];
    for (let i = 0; i < 15; i++) again.push((await timed(() => served.call('POST', '/v1/devices/sync', { podm_id: full.value }))).ms);

    const etag = (await request(url)).headers.etag as string;
    const listing: ListingRow[] = [];
    for (const encoding of ['identity', 'gzip'] as const) {
      for (const connections of [1, 8]) {
        progress(`${label}: GET /v1/devices, ${encoding}, ${connections} connection(s)`);
        listing.push({ connections, encoding, ...await load(url, { connections, seconds, headers: encoding === 'gzip' ? { 'accept-encoding': 'gzip' } : {} }) });
      }
    }
    progress(`${label}: revalidation`);
    listing.push({ connections: 8, encoding: '304', ...await load(url, { connections: 8, seconds, headers: { 'if-none-match': etag }, status: 304 }) });
    progress(`${label}: GET /v1/devices/{id}`);
    const show = await load(`${url}/${one}`, { connections: 8, seconds });
    const duringSync = withSync ? await showsDuringSync(served, sim, full.value, `${url}/${one}`, seconds) : undefined;
    progress('');
    return {
      devices, fullSyncMs: round(full.ms), noChangeSyncMs: round(percentile(again, 50)), listing, show, peakRssMiB: round(served.peakRssMiB()),
      ...(duringSync && { duringSync }),
    };
  } finally {
    await served.close();
  }
}

/**
 * The large pool synced again from nothing (its pod manager deleted and created anew) while 8
 * connections show a device of the small one: their latency and the event loop's delay. Measured
 * apart from the full sync above, whose time is the sync's alone.
 */
async function showsDuringSync(served: Served, sim: SimProcess, podmId: string, showUrl: string, seconds: number): Promise<NonNullable<PoolResult['duringSync']>> {
  const gone = await served.call('DELETE', `/v1/pod_managers/${podmId}`);
  if (gone.status !== 200 && gone.status !== 204) throw new Error(`pod manager ${podmId} not deleted: ${gone.status} ${JSON.stringify(gone.body)}`);
  progress('shows while the large pool syncs anew');
  await served.loopDelay(); // resets the histogram: what follows is the window
  const shows = load(showUrl, { connections: 8, seconds, warmupSeconds: 0.2 });
  await new Promise((resolve) => setTimeout(resolve, 700));
  const sync = await timed(() => addPodManager(served, sim, 'big-again'));
  const show = await shows;
  const loop = await served.loopDelay();
  return { syncMs: round(sync.ms), show, loopP99Ms: round(loop.p99Ms), loopMaxMs: round(loop.maxMs), peakRssMiB: round(served.peakRssMiB()) };
}

// The pool served by a real `covalence serve` process: syncs (full and no-change), the device
// listing at 1 and 8 connections as it is sent and gzipped, revalidation (304), a device show,
// peak memory, and shows while a sync of 10,000 new devices runs (latency and event-loop delay).
import { request } from 'undici';
import { load, type LoadResult } from './load.js';
import { percentile, progress, round, timed } from './measure.js';
import { addPodManager, startServed } from './served.js';

export interface ListingRow extends LoadResult { connections: number; encoding: 'identity' | 'gzip' | '304' }

export interface PoolResult {
  devices: number;
  fullSyncMs: number;
  noChangeSyncMs: number;
  listing: ListingRow[];
  show: LoadResult;
  peakRssMiB: number;
  /** Only at the largest size: a second pod manager's 10,000 new devices synced under a load of shows. */
  duringSync?: { devices: number; syncMs: number; show: LoadResult; loopP99Ms: number; loopMaxMs: number; peakRssMiB: number };
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
    const sim = await served.sim({ servers: devices / 10, devices, seed: 11 });
    const full = await timed(() => addPodManager(served, sim, 'big'));
    const again: number[] = [];
    for (let i = 0; i < 5; i++) again.push((await timed(() => served.call('POST', '/v1/devices/sync', { podm_id: full.value }))).ms);

    const url = `${served.api}/v1/devices`;
    const first = await request(url);
    const etag = first.headers.etag as string;
    const one = (JSON.parse(await first.body.text()) as Array<{ uuid: string }>)[0]!.uuid;
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
    const result: PoolResult = {
      devices, fullSyncMs: round(full.ms), noChangeSyncMs: round(percentile(again, 50)), listing, show, peakRssMiB: round(served.peakRssMiB()),
    };
    if (withSync) {
      progress(`${label}: shows while ${devices} new devices are synced`);
      const second = await served.sim({ servers: devices / 10, devices, seed: 12 });
      await served.loopDelay(); // resets the histogram: what follows is the window
      const shows = load(`${url}/${one}`, { connections: 8, seconds, warmupSeconds: 0.2 });
      await new Promise((resolve) => setTimeout(resolve, 700));
      const sync = await timed(() => addPodManager(served, second, 'second'));
      const during = await shows;
      const loop = await served.loopDelay();
      result.duringSync = {
        devices, syncMs: round(sync.ms), show: during, loopP99Ms: round(loop.p99Ms), loopMaxMs: round(loop.maxMs), peakRssMiB: round(served.peakRssMiB()),
      };
    }
    progress('');
    return result;
  } finally {
    await served.close();
  }
}

// How long a full authenticated `GET devices/detail` takes from the EEM simulator over real HTTP,
// warm, at 1,000 and 10,000 devices; and how long generating those topologies takes.
// Run: node dist/bench/eem-listing.js
import { pathToFileURL } from 'node:url';
import { generateBoards, startEemSim } from '../src/sim/eem/index.js';
import { markdownTable, percentile } from './measure.js';

export interface EemListingResult {
  /** EEIOs in the topology (servers are a tenth of that, on top). */
  devices: number;
  servers: number;
  generateMs: number;
  medianMs: number;
  p95Ms: number;
  bytes: number;
  iterations: number;
}

export interface EemListingOptions {
  sizes?: readonly number[];
  iterations?: number;
  warmup?: number;
}

export async function benchEemListing({ sizes = [1_000, 10_000], iterations = 30, warmup = 5 }: EemListingOptions = {}): Promise<
  EemListingResult[]
> {
  const results: EemListingResult[] = [];
  for (const devices of sizes) {
    const spec = { servers: Math.ceil(devices / 10), devices, seed: 1 };
    const generated = performance.now();
    generateBoards(spec);
    const generateMs = performance.now() - generated;

    const sim = await startEemSim({ port: 0, topology: { generate: spec } });
    try {
      const url = `${sim.url}/devices/detail`;
      const headers = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
      let bytes = 0;
      const timings: number[] = [];
      for (let i = 0; i < warmup + iterations; i++) {
        const started = performance.now();
        const res = await fetch(url, { headers });
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`devices/detail answered ${res.status}`);
        if (i >= warmup) timings.push(performance.now() - started);
        bytes = body.byteLength;
      }
      results.push({
        devices,
        servers: spec.servers,
        generateMs,
        medianMs: percentile(timings, 50),
        p95Ms: percentile(timings, 95),
        bytes,
        iterations,
      });
    } finally {
      await sim.close();
    }
  }
  return results;
}

export function formatEemListing(results: readonly EemListingResult[]): string {
  return markdownTable(
    ['devices', 'servers', 'generate ms', 'median ms', 'p95 ms', 'response bytes'],
    results.map((r) => [r.devices, r.servers, r.generateMs.toFixed(1), r.medianMs.toFixed(1), r.p95Ms.toFixed(1), r.bytes]),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatEemListing(await benchEemListing()));
}

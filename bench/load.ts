// Closed-loop HTTP load in the manner of autocannon: `connections` keep-alive connections, each
// sending its next request as soon as the last answer is read in full.
import { Pool } from 'undici';
import { percentile, round } from './measure.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Bytes of one answer's body as sent (compressed, if it was). */
  bytes: number;
  /** Answers of another status than expected. */
  unexpected: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  status?: number;
  /** Not counted: connections opened, first answers prepared. */
  warmupSeconds?: number;
}

export async function load(url: string, { connections, seconds, headers = {}, status = 200, warmupSeconds = 0.5 }: LoadOptions): Promise<LoadResult> {
  const { origin, pathname, search } = new URL(url);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const times: number[] = [];
  let bytes = 0;
  let unexpected = 0;
  const run = async (until: number, record: boolean) => {
    while (performance.now() < until) {
      const start = performance.now();
      const res = await pool.request({ path: `${pathname}${search}`, method: 'GET', headers });
      let size = 0;
      for await (const chunk of res.body) size += (chunk as Buffer).length;
      if (!record) continue;
      times.push(performance.now() - start);
      bytes = size;
      if (res.statusCode !== status) unexpected++;
    }
  };
  try {
    const warm = performance.now() + warmupSeconds * 1000;
    await Promise.all(Array.from({ length: connections }, () => run(warm, false)));
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, () => run(started + seconds * 1000, true)));
    const elapsed = (performance.now() - started) / 1000;
    return {
      requestsPerSecond: round(times.length / elapsed, 0), p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)),
      maxMs: round(Math.max(...times)), bytes, unexpected,
    };
  } finally {
    await pool.close();
  }
}

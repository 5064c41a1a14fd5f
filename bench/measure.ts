// Small statistics and load helpers shared by the benchmark scenarios.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Times one call, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Requests per second that `clients` loops calling `work` sustain for `seconds`. */
export async function rate(work: () => Promise<unknown>, clients: number, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      await work();
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, loop));
  return done / ((performance.now() - start) / 1000);
}

/** The highest resident set size seen while `work` runs (sampled every 10 ms), in MiB. */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ peakMiB: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { peakMiB: peak / 2 ** 20, value };
  } finally {
    clearInterval(timer);
  }
}

/** Prints progress on stderr when it is a terminal (the tables go to stdout). */
export function progress(label: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${label}`);
}

/** A Markdown table. */
export function markdownTable(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

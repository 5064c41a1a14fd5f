import { printable } from './printable.js';
import { Progress } from './progress.js';

export interface Bulk<T, R> {
  items: readonly T[];
  /** At most this many requests in flight. */
  parallel: number;
  /** Shown beside the bar: "composing". */
  verb: string;
  /** Names an item in a failure line. */
  label: (item: T) => string;
  work: (item: T) => Promise<R>;
  /** Why an answer that arrived is still a failure (a FAILED sync report), or undefined. */
  failure?: (result: R) => string | undefined;
  summary: (succeeded: number, failed: number) => string;
  /** Prints the answers that arrived (in the items' order, failed ones included), before the summary. */
  show: (answers: R[]) => void;
}

/**
 * Runs `work` over the items with bounded parallelism and a progress bar; then shows the answers,
 * prints one line per failure and the summary (always, the last line on stderr), and sets exit
 * code 1 if anything failed.
 */
export async function runBulk<T, R>(bulk: Bulk<T, R>, err: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): Promise<void> {
  const progress = new Progress(bulk.verb, bulk.items.length, err);
  const answers: Array<R | undefined> = new Array(bulk.items.length);
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < bulk.items.length) {
      const i = next++;
      const item = bulk.items[i]!;
      let why: string | undefined;
      try {
        answers[i] = await bulk.work(item);
        why = bulk.failure?.(answers[i]!);
      } catch (e) {
        why = e instanceof Error ? e.message : String(e);
      }
      if (why !== undefined) failures[i] = printable(`covalence: ${bulk.label(item)}: ${why}`);
      progress.step(why === undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(bulk.parallel, bulk.items.length) }, worker));
  progress.clear();
  bulk.show(answers.filter((a): a is R => a !== undefined));
  const failed = failures.filter(Boolean);
  err.write([...failed, bulk.summary(bulk.items.length - failed.length, failed.length)].map((l) => `${l}\n`).join(''));
  if (failed.length > 0) process.exitCode = 1;
}

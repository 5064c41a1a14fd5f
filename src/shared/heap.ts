import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// Node hands out `gc` only under --expose-gc; set at run time, the flag gives it to contexts made
// after, so one is made to fetch it (no command-line flag, which `covalence serve` cannot rely on).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options: { type: 'major'; execution: 'async' }) => Promise<void>;

/**
 * Asks V8 for a major collection, in a task of its own, after work that leaves much garbage behind:
 * a sync of thousands of devices keeps its rows and listing across many event-loop turns, so they
 * are promoted to the old generation, and V8 lets several syncs' worth pile up before it collects
 * them. Measured at 10,000 devices: the server's peak RSS 246 → 172 MiB, a collection ~20 ms.
 */
export function collectGarbageSoon(): void {
  setImmediate(() => void gc({ type: 'major', execution: 'async' }));
}

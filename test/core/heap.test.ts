// The collection sync asks for after a large pool frees what nothing holds any more, at once
// rather than whenever V8's own schedule gets to it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { collectGarbageSoon } from '../../src/shared/heap.js';

it('a collection asked for frees the garbage a large piece of work left', async () => {
  let junk: Array<{ i: number; s: string }> | null = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `board-${i}` }));
  const held = process.memoryUsage().heapUsed;
  assert.equal(junk.length, 400_000);
  junk = null;
  collectGarbageSoon();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = process.memoryUsage().heapUsed;
  assert.ok(after < held - 10 * 2 ** 20, `heap ${Math.round(held / 2 ** 20)} → ${Math.round(after / 2 ** 20)} MiB`);
});

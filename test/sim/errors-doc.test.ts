// The error table in docs/eem-simulator.md is the catalogue's, row for row.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { EEM_ERRORS } from '../../src/sim/eem/index.js';

const DOC = new URL('../../../docs/eem-simulator.md', import.meta.url);

test('every error code is documented with its status and situation, and the table lists no other', async () => {
  const rows = (await readFile(DOC, 'utf8'))
    .split('\n')
    .map((line) => /^\| (\d{5}) \| (\d{3}) \| (.+) \|$/.exec(line))
    .filter((m) => m !== null)
    .map(([, code, status, situation]) => ({ code, status: Number(status), situation }));
  const catalogue = Object.values(EEM_ERRORS).map(({ code, status, title }) => ({ code, status, situation: title }));
  assert.deepEqual(rows, catalogue);
});

test('every error code is its HTTP status followed by two digits, and no two situations share one', () => {
  const codes = Object.values(EEM_ERRORS).map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const { code, status } of Object.values(EEM_ERRORS)) assert.match(code, new RegExp(`^${status}\\d{2}$`));
});

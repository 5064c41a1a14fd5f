// The policy table in the docs is the code's (src/api/policy.ts): same routes, same roles.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { POLICY } from '../../src/api/policy.js';

// this file runs as dist/test/security/docs.test.js
const repo = fileURLToPath(new URL('../../../', import.meta.url));

it('the documented policy table lists every route with the role its rule asks for, and nothing else', () => {
  // docs/security.md, or the README once the section is folded into it
  const doc = ['README.md', 'docs/security.md'].map((f) => `${repo}${f}`).filter(existsSync).map((f) => readFileSync(f, 'utf8'))
    .find((text) => text.includes('<!-- policy:start -->'));
  assert.ok(doc, 'a document holds the policy table between <!-- policy:start --> and <!-- policy:end -->');
  const table = doc.slice(doc.indexOf('<!-- policy:start -->'), doc.indexOf('<!-- policy:end -->'));
  const documented = Object.fromEntries([...table.matchAll(/^\| `([A-Z]+ [^`]+)` \| (\w+) \|/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual(documented, Object.fromEntries(Object.entries(POLICY).map(([route, rule]) => [route, rule.allow])));
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { NODE_TRANSITIONS } from '../../src/core/nodes/states.js';

/** The README's node-state table, as the code's table renders it. */
export function renderStates(): string {
  const rows = Object.entries(NODE_TRANSITIONS).map(([from, to]) => `| \`${from}\` | ${to.map((t) => `\`${t}\``).join(', ')} |`);
  return ['| state | may become |', '| --- | --- |', ...rows].join('\n');
}

describe("the README's node state machine", () => {
  it('is the table in src/core/nodes/states.ts', () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /<!-- node-states -->\n([\s\S]*?)\n?<!-- \/node-states -->/.exec(readme)?.[1]?.trim();
    assert.equal(shown, renderStates(), 'README.md between the node-states markers must be exactly this table');
  });
});

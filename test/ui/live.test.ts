// The console follows the event stream: a change made through the API (not in the page) is drawn
// without a reload and well before the polling interval, and appears in the activity list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { openConsole, until, type Console } from './browser.js';

/** The console's polling interval, used only while the stream is down (ui/src/app.tsx). */
const POLL_MS = 5_000;

describe('console: live', () => {
  let s: Stack;
  let c: Console;
  let podm: string;
  before(async () => {
    s = await startStack({ topology: { named: 'demo' } });
    podm = await s.addPodManager('lab');
    c = await openConsole(s.api);
  });
  after(async () => {
    await c?.close();
    await s?.close();
  });

  it('draws a node composed through the API at once, and lists it as activity', async () => {
    const { page } = c;
    await page.goto('/ui/');
    await page.locator('.chip').first().waitFor();
    await until(async () => (await page.locator('.fresh[data-streaming="true"]').count()) === 1, 'the stream is up');
    const allocated = await page.locator('.chip.s-allocated').count();
    const started = Date.now();
    const made = await s.call('POST', '/v1/nodes', { name: 'from-api', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } });
    assert.equal(made.status, 200, made.text);
    await until(async () => (await page.locator('.chip.s-allocated').count()) === allocated + 1, 'the attached NIC is drawn', POLL_MS);
    await page.locator('.activity li[data-kind="node.composed"]').waitFor({ timeout: POLL_MS });
    const took = Date.now() - started;
    assert.ok(took < POLL_MS / 2, `drawn in ${took} ms, not at the next poll`);
    assert.deepEqual(c.pageErrors, []);
  });
});

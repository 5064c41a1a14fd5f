// The console marks a device in maintenance and lights a board's locate LED, for a device and a server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.js';
import { openConsole, until, type Console } from './browser.js';

interface Brief { uuid: string; type: string | null; resource_uri: string }

describe('console: maintenance and locate', () => {
  let s: Stack;
  let c: Console;
  let page: Page;
  const led = async (board: string) => (await s.simControl('GET', `${new URL(s.sim.url).pathname}/devices/${board}/uid_led_status`)).body.uid_led_status;

  before(async () => {
    s = await startStack();
    await s.addPodManager();
    c = await openConsole(s.api);
    page = c.page;
  });
  after(async () => {
    await c?.close();
    await s?.close();
  });

  it('a device in maintenance carries a marker on its chip and says why in its panel; its locate button lights its LED', async () => {
    const gpu = ((await s.call('GET', '/v1/devices')).body as Brief[]).find((d) => d.resource_uri === 'devices/0x9999999999')!;
    assert.equal((await s.call('PATCH', `/v1/devices/${gpu.uuid}`, { maintenance: true, maintenance_reason: 'fan noise' })).status, 200);
    await page.goto('/ui/');
    const chip = page.locator(`.chip[data-device="${gpu.uuid}"]`);
    await chip.waitFor();
    assert.match((await chip.getAttribute('class')) ?? '', /\bmaintenance\b/);
    assert.equal(await chip.locator('.chip-state').textContent(), 'maint.');
    await chip.click();
    await page.locator('.maintenance-line', { hasText: 'In maintenance: fan noise' }).waitFor();
    await page.locator('.device-panel').getByRole('button', { name: 'locate' }).click();
    await until(async () => (await led('0x9999999999')) === 'on', "the GPU's LED is lit");
    await page.locator('.device-panel').getByRole('button', { name: 'stop locating' }).click();
    await until(async () => (await led('0x9999999999')) === 'off', "the GPU's LED is out");
  });

  it("a server's box has a locate button that lights its board's LED", async () => {
    await page.locator('section.server[data-server="0x3333333333"]').getByRole('button', { name: 'locate' }).click();
    await until(async () => (await led('0x3333333333')) === 'on', "the server's LED is lit");
  });
});

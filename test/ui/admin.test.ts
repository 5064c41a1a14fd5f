// The console's pod managers, flavors, node registration and token handling in a real Chromium,
// against covalence and the EEM simulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { EEM_PASSWORD, EEM_USER, startStack, type Stack } from '../../support/stack.js';
import { openConsole, shot, until, type Console } from './browser.js';

describe('console: pod managers, flavors, registration, token', () => {
  let s: Stack;
  let c: Console;
  let page: Page;
  const podManagers = async () => (await s.call('GET', '/v1/pod_managers')).body as { uuid: string; name: string; status: string }[];

  before(async () => {
    s = await startStack({ topology: { named: 'valence-fixtures' } });
    c = await openConsole(s.api);
    page = c.page;
  });
  after(async () => {
    await c?.close();
    await s?.close();
  });

  const addPodManager = async (name: string, url: string, password: string) => {
    const form = page.getByRole('form', { name: 'add a pod manager' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('EEM URL').fill(url);
    await form.getByLabel('Username').fill(EEM_USER);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Add' }).click();
    return form;
  };

  it('adds a pod manager; its password is never shown back', async () => {
    await page.goto('/ui/pod-managers');
    await page.getByText('None yet.').waitFor();
    const form = await addPodManager('rack-a', s.sim.url, EEM_PASSWORD);
    const row = page.getByRole('table', { name: 'pod managers' }).locator('tr', { hasText: 'rack-a' });
    await row.locator('.status.Online').waitFor();
    assert.deepEqual((await podManagers()).map((p) => [p.name, p.status]), [['rack-a', 'Online']]);
    assert.equal(await form.getByLabel('Password').inputValue(), '', 'the form forgets it');
    assert.ok(!(await page.content()).includes(EEM_PASSWORD));
  });

  it('a refused pod manager shows why, in the API\'s words, and asks for no console token', async () => {
    const url = `${s.sim.url}/`; // rack-a has the URL without the slash
    const form = await addPodManager('rack-b', url, 'wrong-password');
    const note = form.getByRole('alert');
    await note.waitFor();
    const api = await s.call('POST', '/v1/pod_managers', {
      name: 'rack-b', url, driver: 'expether', authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: 'wrong-password' } }],
    });
    assert.equal(api.status, 401);
    assert.match(await note.innerText(), new RegExp(`\\(401\\)[\\s\\S]*${escape(api.body.detail.split(':')[0])}`));
    assert.equal(await page.getByRole('form', { name: 'token' }).count(), 0, 'a 401 from the EEM is not the console\'s own');
    assert.equal((await podManagers()).length, 1);
  });

  it('syncs a pod manager and says what changed', async () => {
    await s.simControl('POST', '/_sim/devices', { status: 'eeio', id: '0x8cdf9d0000aa', type: '40g', pcie_class_code: '0x020000', pcie_vendor_id: '0x8086', pcie_device_id: '0x1572' });
    const row = page.getByRole('table', { name: 'pod managers' }).locator('tr', { hasText: 'rack-a' });
    await row.getByRole('button', { name: 'Sync' }).click();
    const report = row.getByRole('status');
    await report.waitFor();
    assert.match(await report.innerText(), /SUCCESS/);
    assert.match(await report.innerText(), /added 1/);
    await shot(page, 'pod-managers');
  });

  it('creates a flavor, composes by it with the plan first, and deletes it', async () => {
    await page.getByRole('link', { name: 'Flavors' }).click();
    const form = page.getByRole('form', { name: 'create a flavor' });
    await form.getByLabel('Name', { exact: true }).fill('nic-and-ssd');
    await form.locator('input[name="count-NIC"]').fill('1');
    await form.locator('input[name="count-SSD"]').fill('1');
    await form.getByRole('button', { name: 'Create' }).click();
    const row = page.getByRole('table', { name: 'flavors' }).locator('tr', { hasText: 'nic-and-ssd' });
    await row.waitFor();
    assert.match(await row.innerText(), /1× NIC[\s\S]*1× SSD/);
    await shot(page, 'flavors');

    await page.getByRole('link', { name: 'Pool' }).click();
    await page.getByRole('button', { name: 'Compose a node…' }).click();
    const compose = page.getByRole('form', { name: 'compose' });
    await compose.getByLabel('Name', { exact: true }).fill('by-flavor');
    await compose.getByLabel('by flavor').check();
    await compose.getByRole('button', { name: 'Show the plan' }).click();
    await compose.getByRole('status', { name: 'plan' }).waitFor();
    assert.equal(await compose.getByRole('status', { name: 'plan' }).locator('.chip').count(), 2);
    await compose.getByRole('button', { name: 'Compose by-flavor' }).click();
    await page.locator('.node-link', { hasText: 'by-flavor' }).waitFor();

    await page.getByRole('link', { name: 'Flavors' }).click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await until(async () => (await row.count()) === 0, 'the flavor is gone');
    assert.deepEqual((await s.call('GET', '/v1/flavors')).body, []);
  });

  it("registering with Ironic shows the API's answer in words", async () => {
    const [node] = (await s.call('GET', '/v1/nodes')).body as { uuid: string }[];
    await page.goto(`/ui/nodes/${node.uuid}`);
    const form = page.getByRole('form', { name: 'register with Ironic' });
    await form.getByLabel('driver_info').fill('ipmi_address=127.0.0.1\nipmi_username=admin');
    await form.getByRole('button', { name: 'Register' }).click();
    const answer = form.locator('[role=alert], [role=status]').first();
    await answer.waitFor();
    const api = await s.call('POST', `/v1/nodes/${node.uuid}/register`, { driver_info: { ipmi_address: '127.0.0.1', ipmi_username: 'admin' } });
    if (api.status >= 400) assert.ok((await answer.innerText()).includes(api.body.detail), `the note says "${api.body.detail}"`);
    else assert.match(await answer.innerText(), /Registered as Ironic node/);
  });

  it('asks for a token on a 401 from covalence itself, keeps it for the tab, and sends it on every request', async () => {
    const sent: (string | undefined)[] = [];
    const guard = (route: Route) => {
      const t = route.request().headers()['x-auth-token'];
      sent.push(t);
      if (t === 'tok-1') return route.continue();
      return route.fulfill({
        status: 401, contentType: 'application/json',
        body: JSON.stringify({ request_id: 'r-1', code: 'Unauthorized', status: 401, title: 'Authorization Error', detail: 'The request you have made requires authentication.' }),
      });
    };
    await page.route('**/v1/**', guard);
    await page.goto('/ui/flavors');
    const dialog = page.getByRole('form', { name: 'token' });
    await dialog.waitFor();
    await shot(page, 'token');
    await dialog.locator('input[name="token"]').fill('tok-1');
    await dialog.getByRole('button', { name: 'Use this token' }).click();
    await page.getByRole('table', { name: 'flavors' }).waitFor();
    await page.getByText('None yet.').waitFor();
    assert.equal(await page.evaluate('sessionStorage.getItem("covalence.token")'), 'tok-1');
    const before = sent.length;
    await page.reload();
    await page.getByText('None yet.').waitFor();
    assert.ok(sent.length > before);
    assert.deepEqual(new Set(sent.slice(before)), new Set(['tok-1']), 'after a reload every request carries the token, unasked');
    await page.unroute('**/v1/**', guard);
    assert.deepEqual(c.pageErrors, []);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

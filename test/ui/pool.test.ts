// The console's pool picture in a real Chromium against covalence and the EEM simulator: compose a
// node and see it drawn, attach and detach, a refused move in words, decompose.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.js';
import { openConsole, shot, until, type Console } from './browser.js';

interface Brief { uuid: string; type: string | null; state: string; node_id: string | null; resource_uri: string }

describe('console: the pool', () => {
  let s: Stack;
  let c: Console;
  let page: Page;
  const devices = async (): Promise<Brief[]> => (await s.call('GET', '/v1/devices')).body;
  const nodes = async () => (await s.call('GET', '/v1/nodes')).body as { uuid: string; name: string; index: string }[];
  const eemId = (d: Brief) => d.resource_uri.replace('devices/', '');
  const chip = (d: Brief) => page.locator(`.chip[data-device="${d.uuid}"]`);
  const server = (id: string) => page.locator(`section.server[data-server="${id}"]`);

  before(async () => {
    s = await startStack({ topology: { named: 'demo' } });
    await s.addPodManager('lab');
    c = await openConsole(s.api);
    page = c.page;
  });
  after(async () => {
    await c?.close();
    await s?.close();
  });

  it('draws every server as a box and every device as a chip, with counts by type and state', async () => {
    await page.goto('/ui/');
    const all = await devices();
    await page.locator('.chip').nth(all.length - 1).waitFor();
    assert.equal(await page.locator('.chip').count(), all.length);
    const systems = (await s.call('GET', '/v1/systems')).body as { id: string }[];
    assert.equal(await page.locator('section.server').count(), systems.length);
    const offline = all.filter((d) => d.state === 'offline');
    assert.ok(offline.length > 0, 'the demo has an offline device');
    assert.equal(await page.locator('.chip.s-offline').count(), offline.length);
    const totals = page.locator('table.counts tr.total td');
    assert.deepEqual(await totals.allTextContents(), ['free', 'allocated', 'offline', 'removed', 'orphaned'].map((st) => String(all.filter((d) => d.state === st).length)).concat(String(all.length)));
    await page.locator('.chip-name', { hasText: 'V100' }).waitFor(); // names come with the details
    await shot(page, 'pool');
  });

  it('filters by type and state, and finds a device by MAC or by name', async () => {
    await page.getByLabel('type', { exact: true }).selectOption('GPU');
    const gpus = (await devices()).filter((d) => d.type === 'GPU');
    await until(async () => (await page.locator('.chip').count()) === gpus.length, 'only GPUs are drawn');
    await page.getByLabel('type', { exact: true }).selectOption('');
    await page.getByLabel('state', { exact: true }).selectOption('offline');
    await until(async () => (await page.locator('.chip:not(.s-offline)').count()) === 0, 'only offline devices are drawn');
    await page.getByRole('button', { name: 'clear' }).click();

    const target = gpus[0];
    const mac = (await s.call('GET', `/v1/devices/${target.uuid}`)).body.properties.mac_address as string;
    await page.getByLabel('search').fill(mac.replaceAll(':', ''));
    await until(async () => (await page.locator('.chip').count()) === 1 && (await chip(target).count()) === 1, 'the MAC finds its GPU');
    await page.getByLabel('search').fill('ConnectX-6');
    await until(async () => (await page.locator('.chip').count()) === 1 && /ConnectX-6/.test(await page.locator('.chip').getAttribute('title') ?? ''), 'the name finds its NIC');
    await page.getByRole('button', { name: 'clear' }).click();
  });

  it('composes by device types: the plan first, drawn on the picture, then the node in its server box', async () => {
    await page.getByRole('button', { name: 'Compose a node…' }).click();
    const form = page.getByRole('form', { name: 'compose' });
    await form.getByLabel('Name', { exact: true }).fill('web1');
    await form.locator('input[name="count-NIC"]').fill('1');
    await form.locator('input[name="count-SSD"]').fill('1');
    await form.getByRole('button', { name: 'Show the plan' }).click();
    const plan = form.getByRole('status', { name: 'plan' });
    await plan.waitFor();
    assert.equal(await plan.locator('.chip').count(), 2);
    assert.equal(await page.locator('.pool-main .chip.planned').count(), 2, 'the planned devices glow in the picture');
    assert.equal(await page.locator('section.server.planned').count(), 1);
    assert.deepEqual(await nodes(), [], 'a plan changes nothing');
    await shot(page, 'compose');

    await form.getByRole('button', { name: 'Compose web1' }).click();
    await page.locator('.node-link', { hasText: 'web1' }).waitFor();
    const [node] = await nodes();
    assert.equal(node.name, 'web1');
    const box = server(node.index);
    assert.equal(await box.locator('.chip.s-allocated').count(), 2);
    const group = s.sim.fabric.get(node.index)!.group_id;
    const mine = (await devices()).filter((d) => d.node_id === node.index);
    assert.deepEqual(mine.map((d) => s.sim.fabric.get(eemId(d))!.group_id), [group, group], 'both devices joined the server on the fabric');
    await shot(page, 'pool-node');
  });

  it('attaches a free device from its chip, and the chip moves into the server', async () => {
    const [node] = await nodes();
    const gpu = (await devices()).find((d) => d.type === 'GPU' && d.state === 'free')!;
    await chip(gpu).click();
    const panel = page.getByLabel('device', { exact: true });
    await panel.getByRole('combobox').selectOption({ label: 'web1' });
    await panel.getByRole('button', { name: 'Attach' }).click();
    await server(node.index).locator(`.chip[data-device="${gpu.uuid}"].s-allocated`).waitFor();
    assert.equal(s.sim.fabric.get(eemId(gpu))!.group_id, s.sim.fabric.get(node.index)!.group_id);
    await panel.getByRole('button', { name: 'Detach from web1' }).waitFor();
  });

  it('a refused attach shows the reason in the API\'s words', async () => {
    const offline = (await devices()).find((d) => d.state === 'offline')!;
    await chip(offline).click();
    const panel = page.getByLabel('device', { exact: true });
    await panel.getByRole('combobox').selectOption({ label: 'web1' });
    await panel.getByRole('button', { name: 'Attach' }).click();
    const note = panel.getByRole('alert');
    await note.waitFor();
    const [node] = await nodes();
    const api = await s.call('POST', `/v1/nodes/${node.uuid}/action`, { attach: { resource_id: offline.uuid } });
    assert.equal(api.status, 409);
    assert.match(await note.innerText(), new RegExp(api.body.detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await note.innerText(), /offline/);
    await shot(page, 'refused');
    await panel.getByRole('button', { name: 'close' }).click();
  });

  it("detaches from the node's page and decomposes it; the devices go back to the free pool", async () => {
    const [node] = await nodes();
    await page.locator('.node-link', { hasText: 'web1' }).click();
    await page.getByRole('heading', { name: '⬢ web1' }).waitFor();
    const rows = page.getByLabel('node devices').locator('ul.device-rows li');
    await until(async () => (await rows.locator('.chip').count()) === 3, 'the node shows its three devices');
    await shot(page, 'node');
    const gpu = (await devices()).find((d) => d.type === 'GPU' && d.node_id === node.index)!;
    await rows.filter({ has: page.locator(`.chip[data-device="${gpu.uuid}"]`) }).getByRole('button', { name: 'Detach' }).click();
    await until(async () => (await rows.locator('.chip').count()) === 2, 'the GPU left the node');
    assert.equal(s.sim.fabric.get(eemId(gpu))!.group_id, '4093', 'the GPU is free on the fabric');

    await page.getByRole('button', { name: 'Decompose…' }).click();
    await page.getByRole('button', { name: 'Really decompose web1?' }).click();
    await page.locator('section.podm').waitFor();
    assert.deepEqual(await nodes(), []);
    await until(async () => (await page.locator('.node-link').count()) === 0, 'no node is drawn');
    assert.equal(await server(node.index).locator('.chip').count(), 0);
  });

  it('manages a server that already has devices, and a drop of a free chip on it attaches', async () => {
    const bare = (await devices()).find((d) => d.state === 'allocated')!.node_id!;
    await server(bare).getByRole('button', { name: 'manage' }).click();
    await server(bare).locator('.node-link').waitFor();
    const nic = (await devices()).find((d) => d.type === 'NIC' && d.state === 'free')!;
    await chip(nic).dragTo(server(bare));
    await server(bare).locator(`.chip[data-device="${nic.uuid}"]`).waitFor();
    assert.equal(s.sim.fabric.get(eemId(nic))!.group_id, s.sim.fabric.get(bare)!.group_id);
  });

  it('a pod manager whose EEM fails is shown Offline with the reason, its servers as last read; a sync brings it back', async () => {
    const boxes = await page.locator('section.server').count();
    await s.simControl('POST', '/_sim/faults', { path: 'devices', status: 503, count: null });
    const podm = page.getByLabel('pod manager lab');
    await podm.getByRole('button', { name: 'Sync' }).click();
    await podm.locator('.status.Offline').waitFor();
    const [api] = (await s.call('GET', '/v1/pod_managers')).body as { status: string; status_detail: string }[];
    assert.equal(api.status, 'Offline');
    assert.ok((await podm.locator('.warn-line').innerText()).includes(api.status_detail));
    assert.equal(await page.locator('section.server').count(), boxes);
    await shot(page, 'offline');
    await s.simControl('DELETE', '/_sim/faults');
    await podm.getByRole('button', { name: 'Sync' }).click();
    await podm.locator('.status.Online').waitFor();
    assert.deepEqual(c.pageErrors, []);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';
import { covalence } from '../cli/support.js';

const VALENCE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Every field of a document whose name says it is a time, wherever it sits. */
function times(doc: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(doc)) return doc.flatMap((d, i) => times(d, `${path}[${i}]`));
  if (typeof doc !== 'object' || doc === null) return [];
  return Object.entries(doc).flatMap(([k, v]) => (/(_at|_time|^time)$/.test(k) && (typeof v === 'string' || v === null)
    ? [[`${path}.${k}`, v] as [string, unknown]]
    : times(v, `${path}.${k}`)));
}

function allMatch(doc: unknown, format: RegExp, what: string): void {
  const found = times(doc).filter(([, v]) => v !== null);
  assert.ok(found.length > 0, `${what} has times`);
  for (const [path, v] of found) assert.match(String(v), format, `${what} ${path}`);
}

describe("timestamps: Valence's text in Valence's documents, ISO 8601 in covalence's own", () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ config: { eemProbeInterval: 1 } });
    await s.addPodManager();
    await s.call('POST', '/v1/flavors', { name: 'f', properties: {} });
    await s.call('POST', '/v1/nodes', { name: 'n', properties: { pci_device: { type: ['NIC'] } } });
  });
  after(() => s.close());

  it("pod managers, devices, nodes and flavors: YYYY-MM-DD HH:MM:SS UTC", async () => {
    for (const path of ['/v1/pod_managers', '/v1/flavors', '/v1/nodes']) {
      const list = (await s.call('GET', path)).body;
      if (path !== '/v1/nodes') allMatch(list, VALENCE, path); // a node listing is Valence's brief one, without times
      allMatch((await s.call('GET', `${path}/${list[0].uuid}`)).body, VALENCE, `${path}/{uuid}`);
    }
    const device = (await s.call('GET', '/v1/devices')).body[0];
    allMatch((await s.call('GET', `/v1/devices/${device.uuid}`)).body, VALENCE, '/v1/devices/{uuid}');
  });

  it("a system's update_time is Valence's YYYY-MM-DD HH:MM:SS", async () => {
    assert.match((await s.call('GET', '/v1/systems/0x1111111111')).body.update_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('/readyz, the audit trail and `covalence token list`: ISO 8601', async () => {
    for (let i = 0; i < 50 && (await s.call('GET', '/readyz')).body.pod_managers[0].last_probe_at === null; i++) await new Promise((r) => setTimeout(r, 100));
    const readyz = (await s.call('GET', '/readyz')).body;
    assert.deepEqual(times(readyz).map(([p]) => p).sort(), ['.pod_managers[0].last_probe_at', '.pod_managers[0].last_sync_at']);
    allMatch(readyz, ISO, '/readyz');
    allMatch((await s.call('GET', '/v1/audit')).body, ISO, '/v1/audit');
    assert.equal((await covalence(['token', 'create', '--role', 'reader', '--project', 'p', '--db', s.dbUrl])).code, 0);
    const tokens = await covalence(['token', 'list', '-o', 'json', '--db', s.dbUrl]);
    assert.equal(tokens.code, 0, tokens.stderr);
    allMatch(JSON.parse(tokens.stdout), ISO, 'token list');
  });
});

// Property-based fuzzing over real HTTP (fast-check): random methods, paths, query strings, headers,
// tokens and bodies (JSON that fits the schemas and JSON that does not, malformed and oversized
// bodies, prototype-pollution keys), and raw bytes on a socket. Whatever is sent: no 5xx, no crash,
// every error a Valence body; and nothing a caller without the right role sends changes the
// inventory (pod managers, nodes, devices, servers, flavors, tokens, and the simulator's fabric).
// FUZZ_RUNS scales the run, FUZZ_SEED replays one (fast-check prints the seed of a failure).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Agent, request, type Dispatcher } from 'undici';
import { POLICY } from '../../src/api/policy.js';
import { BMC_PASSWORD } from '../support/leaks.js';
import { EEM_PASSWORD, EEM_USER, startStack, type Stack } from '../../support/stack.js';
import { addPodManager, as, people, type People } from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const options = (numRuns: number) => ({ numRuns: Math.round(numRuns * RUNS), ...(SEED !== undefined && { seed: SEED }), endOnFailure: true });

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What to send: paths from the policy table with ids that exist and ids that do not, and everything around them. */
function generators(ids: string[], simUrl: string) {
  const id = () => fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 40 }), fc.constantFrom('..', '%2e%2e', '../../etc/passwd', 'x'.repeat(300), '%00', '%E0%A4%A', '0x', '4093'));
  const templates = Object.keys(POLICY).map((k) => k.split(' ')[1]!).filter((u) => u !== '*');
  const segment = fc.oneof(fc.webSegment(), fc.constantFrom('v1', 'nodes', 'devices', 'pod_managers', 'audit', '_sim', '..', '%ff', ''));
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...templates), id(), id()).map(([t, a, b]) => t.replace(':uuid', encodeURI(a)).replace(':id', encodeURI(b)).replace('*', encodeURI(a))) },
    { weight: 2, arbitrary: fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`) },
    { weight: 1, arbitrary: fc.webPath().map((w) => w || '/') },
  );
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom('dry_run', 'force', 'podm_id', 'type', 'state', 'limit', 'marker', 'since', 'user', 'project_id', 'x'),
      fc.oneof(id(), fc.constantFrom('true', 'false', '0', '1001', '2026-01-01T00:00:00Z'))), { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((q) => `?${encodeURI(q)}`) },
  );
  const shapedBody = fc.oneof(
    fc.record({ name: fc.string(), podm_id: id(), flavor_id: id(), description: fc.string(),
      properties: fc.record({ pci_device: fc.record({ type: fc.array(fc.constantFrom('NIC', 'GPU', 'SSD', 'USB', 'bogus', '')) }) }) }, { requiredKeys: [] }),
    fc.record({ attach: fc.record({ resource_id: id() }) }),
    fc.record({ detach: fc.record({ resource_id: id() }) }),
    fc.record({ podm_id: id(), node_index: id() }, { requiredKeys: [] }),
    fc.record({
      name: fc.string(), url: fc.constantFrom('http://127.0.0.1:1/eem', 'file:///etc/passwd', 'ftp://x', 'not a url', simUrl),
      driver: fc.constantFrom('expether', 'redfishv1', ''), insecure: fc.boolean(),
      authentication: fc.array(fc.record({ type: fc.constantFrom('basic', 'token'), auth_items: fc.record({ username: fc.constantFrom(EEM_USER, ''), password: fc.constantFrom(EEM_PASSWORD, 'x') }) })),
    }, { requiredKeys: [] }),
    fc.record({ driver_info: fc.dictionary(fc.string(), fc.constantFrom(BMC_PASSWORD, 1, null)), mac: fc.string(), traits: fc.array(fc.string()) }, { requiredKeys: [] }),
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: shapedBody.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: shapedBody.chain((b) => fc.nat().map((n) => { const t = JSON.stringify(b); return t.slice(0, n % (t.length + 1)); })) },
    { weight: 1, arbitrary: fc.constantFrom(
      '{"__proto__": {"role": "admin"}}', '{"constructor": {"prototype": {"role": "admin"}}}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      '{"name": "\\ud800"}', '1e999', 'null', '""', `{"name": "${'x'.repeat(2_000_000)}"}`,
    ) },
  );
  const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json\u00ff');
  const extraHeaders = fc.record({
    'content-type': contentType, accept: fc.constantFrom('application/json', '*/*', 'text/html'), origin: fc.constantFrom('https://evil.example', 'null'),
    'x-openstack-request-id': fc.uuid(), 'x-forwarded-for': fc.ipV4(), cookie: fc.string({ maxLength: 30 }).map(encodeURI),
  }, { requiredKeys: [] });
  const method = fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PATCH', 'PUT', 'DELETE', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND');
  const sent = (credential: fc.Arbitrary<Record<string, string>>) => fc.record({ method, path, query, body, extra: extraHeaders, credential })
    .map(({ method: m, path: p0, query: q, body: b, extra, credential: c }): Sent => ({ method: m, path: p0 + q, headers: { ...extra, ...c }, ...(b !== undefined && { body: b }) }));

  const wrongToken: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.constant({}),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/).map((t) => ({ 'x-auth-token': t })),
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((t) => ({ 'x-auth-token': `cov_${t}` })),
    fc.stringMatching(/^[!-~]{1,40}$/).map((t) => ({ authorization: `Bearer ${t}` })),
    fc.constantFrom<Record<string, string>>({ authorization: 'Basic ZWVtLWFkbWluOmVlbS1TZWNyZXQtMDQ1MQ==' }, { authorization: 'Bearer' }, { 'x-auth-token': '' }, { 'x-auth-token': 'x'.repeat(20_000) }),
  );
  return { sent, wrongToken };
}

describe('fuzzing the API', () => {
  let s: Stack;
  let p: People;
  let sent: ReturnType<typeof generators>['sent'];
  let wrongToken: ReturnType<typeof generators>['wrongToken'];
  const dispatcher = new Agent({ connections: 4, keepAliveTimeout: 10_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const counts = { unauthorised: 0, authorised: 0, raw: 0 };

  before(async () => {
    s = await startStack({ auth: 'token' });
    p = await people(s);
    const podm = await addPodManager(s, p.admin);
    const node = await s.call('POST', '/v1/nodes', { name: 'kept', podm_id: podm, properties: { pci_device: { type: ['NIC'] } } }, as(p.member));
    const flavor = await s.call('POST', '/v1/flavors', { name: 'f', properties: { pci_device: { type: ['GPU'] } } }, as(p.admin));
    const devices = (await s.call('GET', '/v1/devices', undefined, as(p.admin))).body as Array<{ uuid: string }>;
    ({ sent, wrongToken } = generators([podm, node.body.uuid, flavor.body.uuid, ...devices.map((d) => d.uuid), '0x1111111111', '0x7777777777'], s.sim.url));
  });
  after(async () => {
    await dispatcher.close();
    await s.close();
    process.stdout.write(`# fuzz requests: ${JSON.stringify(counts)}\n`);
  });

  async function send(r: Sent): Promise<{ status: number; text: string }> {
    const res = await request(`${s.api}${r.path}`, {
      dispatcher, method: r.method as Dispatcher.HttpMethod, headers: r.headers,
      ...(r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' && { body: r.body }),
    });
    // An event stream that opened stays open: its status is the answer, its body is never read to the end.
    if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      // Destroying a body undici has not finished reports an abort; that abort is ours, not a finding.
      res.body.once('error', () => undefined).destroy();
      return { status: res.statusCode, text: '' };
    }
    return { status: res.statusCode, text: await res.body.text() };
  }

  /** Every error leaves as its API's body (Redfish's under /redfish, else Valence's) with its status (a HEAD answer has no body). */
  function checkAnswer(r: Sent, a: { status: number; text: string }): void {
    if (a.status < 400 || r.method === 'HEAD') return;
    const body = JSON.parse(a.text) as Record<string, unknown>;
    // Headers too large (431) are refused by the HTTP parser before any path is known: Valence's body.
    if (r.path.startsWith('/redfish') && a.status !== 431) {
      const error = body.error as Record<string, unknown> | undefined;
      for (const field of ['code', 'message']) assert.equal(typeof error?.[field], 'string', `${field} in ${a.text}`);
      return;
    }
    assert.equal(body.status, a.status, a.text);
    for (const field of ['request_id', 'code', 'title', 'detail']) assert.equal(typeof body[field], 'string', `${field} in ${a.text}`);
  }

  /** What no unauthorised request may change. */
  async function inventory() {
    const db = s.service.core.store.db;
    const all = <T extends 'pod_managers' | 'nodes' | 'devices' | 'servers' | 'flavors' | 'api_tokens'>(table: T) => db.selectFrom(table).selectAll().execute()
      .then((rows) => rows.map((row) => JSON.stringify(row)).sort());
    return {
      podManagers: await all('pod_managers'), nodes: await all('nodes'), devices: await all('devices'), servers: await all('servers'),
      flavors: await all('flavors'), tokens: await all('api_tokens'), fabric: s.sim.fabric.list(),
    };
  }

  it('no 5xx, always a Valence error, and no change to the inventory, from strangers, wrong tokens and readers', async () => {
    const before = await inventory();
    const credential = fc.oneof({ weight: 3, arbitrary: wrongToken }, { weight: 1, arbitrary: fc.constant(as(p.reader)) });
    await fc.assert(fc.asyncProperty(sent(credential), async (r) => {
      const a = await send(r);
      counts.unauthorised++;
      assert.ok(a.status < 500, `${r.method} ${r.path} → ${a.status} ${a.text.slice(0, 300)}`);
      checkAnswer(r, a);
    }), options(2_500));
    assert.deepEqual(await inventory(), before);
  });

  it('no bare 500 and always a Valence error from admins and members (a 502-504 only from an EEM or Ironic)', async () => {
    const credential = fc.constantFrom(as(p.admin), as(p.member), as(p.otherMember));
    await fc.assert(fc.asyncProperty(sent(credential), async (r) => {
      const a = await send(r);
      counts.authorised++;
      assert.notEqual(a.status, 500, `${r.method} ${r.path} → ${a.text.slice(0, 300)}`);
      if (a.status >= 500) assert.match(JSON.parse(a.text).title, /Pod Manager|Connection Error|Provisioner/, `${r.method} ${r.path} → ${a.text.slice(0, 300)}`);
      checkAnswer(r, a);
    }), options(1_000));
    assert.equal((await s.call('GET', '/healthz')).status, 200);
    assert.equal((await s.call('GET', '/readyz')).status, 200);
  });

  // Node's HTTP layer answers an HTTP/1.1 request without a Host header with a bare 400 of its own.
  it('bytes that are not HTTP get a 4xx (a Valence body when it has one) or a closed connection, never more', async () => {
    const line = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom('GET', 'POST', 'G\u0000T', ''), fc.string({ maxLength: 50 }), fc.constantFrom('HTTP/1.1', 'HTTP/9.9', 'HTTP/1.1\r\nHost: x\r\nContent-Length: -1', ''))
        .map(([m, t, v]) => Buffer.from(`${m} ${t} ${v}\r\n\r\n`, 'latin1')),
    );
    await fc.assert(fc.asyncProperty(line, async (bytes) => {
      const answer = await raw(bytes);
      counts.raw++;
      if (answer === '') return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      assert.ok(status >= 400 && status < 500, answer.slice(0, 300));
      const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      if (!/^0?\r?\n?\r?\n?$/.test(text)) checkAnswer({ method: 'GET', path: '', headers: {} }, { status, text });
    }), options(200));
    assert.equal((await s.call('GET', '/healthz')).status, 200);
  });

  /** Writes bytes on a fresh connection and reads until the server closes it (or 2 s pass). */
  function raw(bytes: Buffer): Promise<string> {
    const { hostname, port } = new URL(s.api);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      let text = '';
      const done = () => { clearTimeout(timer); socket.destroy(); resolve(text); };
      const timer = setTimeout(done, 2_000);
      socket.on('data', (d) => { text += d.toString('latin1'); });
      socket.on('close', done);
      socket.on('error', done);
      socket.end(bytes);
    });
  }

  it('(the request ids of the answers are ours, whatever the client sends)', async () => {
    const mine = randomUUID();
    const r = await s.call('GET', '/v1/nodes', undefined, { 'x-openstack-request-id': mine });
    assert.notEqual(r.headers.get('x-openstack-request-id'), mine);
  });
});

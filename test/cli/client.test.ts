// Where the client connects, what it sends and how it fails, against a small recording server.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { freePort } from '../../support/process.js';
import { covalence } from './support.js';

interface Seen { method: string; url: string; headers: IncomingHttpHeaders; body: unknown }

describe('the covalence client: endpoint, token, requests and failures', () => {
  let server: Server;
  let url: string;
  let down: string;
  let seen: Seen[];
  let answer: (req: Seen) => { status: number; body: string; type?: string };
  const dir = mkdtempSync(join(tmpdir(), 'covalence-cli-config-'));
  const configFile = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  before(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => { text += c.toString(); });
      req.on('end', () => {
        const r: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: text ? JSON.parse(text) : undefined };
        seen.push(r);
        const { status, body, type } = answer(r);
        res.writeHead(status, { 'content-type': type ?? 'application/json' }).end(body);
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    down = `http://127.0.0.1:${await freePort()}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
    answer = () => ({ status: 200, body: '[]' });
  });

  it('takes the URL and token from flags, else the environment, else the config file, sending the token as X-Auth-Token', async () => {
    const file = configFile('file.json', { url, token: 'from-file' });
    const xdg = join(dir, 'xdg');
    mkdirSync(join(xdg, 'covalence'), { recursive: true });
    writeFileSync(join(xdg, 'covalence', 'client.json'), JSON.stringify({ url, token: 'from-default-file' }));
    const runs = await Promise.all([
      covalence(['flavor', 'list', '--client-config', file]),
      covalence(['flavor', 'list'], { env: { XDG_CONFIG_HOME: xdg } }),
      covalence(['flavor', 'list'], { env: { COVALENCE_CLIENT_CONFIG: file } }),
      covalence(['flavor', 'list', '--client-config', file], { env: { COVALENCE_TOKEN: 'from-env' } }),
      covalence(['flavor', 'list', '--url', url, '--token', 'from-flag'], { env: { COVALENCE_URL: down, COVALENCE_TOKEN: 'from-env' } }),
      covalence(['flavor', 'list'], { env: { COVALENCE_URL: url } }),
    ]);
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(seen.map((r) => r.headers['x-auth-token']).sort(),
      ['from-default-file', 'from-env', 'from-file', 'from-file', 'from-flag', undefined].sort() as string[]);
    assert.ok(seen.every((r) => r.url === '/v1/flavors' && r.headers.accept === 'application/json'));

    const envOverFile = await covalence(['flavor', 'list', '--client-config', file], { env: { COVALENCE_URL: down } });
    assert.equal(envOverFile.code, 1, 'COVALENCE_URL wins over the file');
    assert.match(envOverFile.stderr, new RegExp(`cannot reach covalence at ${down}`));
  });

  it('with the server down: exit 1 and a message naming the URL', async () => {
    const r = await covalence(['node', 'list', '-o', 'json'], { env: { COVALENCE_URL: `${down}/` } });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `covalence: cannot reach covalence at ${down}: ECONNREFUSED (is 'covalence serve' running there? set --url or COVALENCE_URL)\n`);
  });

  it('a bad config file or URL is a usage error (exit 2) naming it', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--client-config', configFile('broken.json', '{"url":')], /client config .*broken\.json is not JSON/],
      [['--client-config', configFile('extra.json', { url, user: 'x' })], /unknown key 'user' \(expected url, token\)/],
      [['--client-config', configFile('number.json', { url: 8181 })], /'url' must be a string/],
      [['--client-config', join(dir, 'absent.json')], /cannot read client config .*absent\.json/],
      [['--url', 'ftp://example.org'], /must be http:\/\/ or https:\/\//],
      [['--url', 'not a url'], /'not a url' is not a URL/],
    ];
    const runs = await Promise.all(cases.map(([flags]) => covalence(['system', 'list', ...flags])));
    runs.forEach((r, i) => {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, cases[i]![1]);
    });
    assert.equal(seen.length, 0);
  });

  it('an error that is not a Valence body, or an answer that is not JSON, exits 1 saying so; -c of an unknown field is a usage error', async () => {
    answer = () => ({ status: 502, body: '<html>Bad Gateway</html>\n<p>nginx</p>', type: 'text/html' });
    const proxy = await covalence(['device', 'list', '--url', url]);
    assert.equal(proxy.code, 1);
    assert.equal(proxy.stderr, 'covalence: <html>Bad Gateway</html> (HTTP 502 Error)\n');

    answer = () => ({ status: 200, body: '<!doctype html><title>some console</title>', type: 'text/html' });
    const notApi = await covalence(['flavor', 'list', '--url', url]);
    assert.equal(notApi.code, 1);
    assert.equal(notApi.stderr, `covalence: ${url}/v1/flavors answered 200 with something that is not JSON; is ${url} a covalence API?\n`);

    answer = () => ({ status: 200, body: JSON.stringify([{ uuid: 'u1', name: 'f' }]) });
    const column = await covalence(['flavor', 'list', '--url', url, '-c', 'nmae']);
    assert.equal(column.code, 2);
    assert.match(column.stderr, /unknown column 'nmae'; these records have uuid, name/);
  });

  it('escapes control characters in what the API wrote (names, descriptions, keys, error details) wherever it prints text', async () => {
    const evil = 'web\u0000\n\u001b[31mRED\u001b[0m\u202e';
    const shown = 'web\\u0000\\n\\u001b[31mRED\\u001b[0m\\u202e';
    const flavor = { uuid: 'f1', name: evil, description: 'two\nlines', properties: { [evil]: evil } };
    answer = (r) => {
      if (r.url.includes('?name=')) return { status: 200, body: '[]' }; // f1 and n1 are not names: taken as ids
      if (r.url === '/v1/flavors') return { status: 200, body: JSON.stringify([flavor]) };
      if (r.url === '/v1/flavors/f1') return { status: 200, body: JSON.stringify(r.method === 'DELETE' ? { detail: `Flavor ${evil} deleted` } : flavor) };
      return { status: 409, body: JSON.stringify({ title: 'Conflict', detail: `device ${evil} is busy` }) };
    };
    const [list, show, del, refused, json] = await Promise.all([
      ['flavor', 'list'], ['flavor', 'show', 'f1'], ['flavor', 'delete', 'f1'], ['node', 'attach', 'n1', 'd1'], ['flavor', 'show', 'f1', '-o', 'json'],
    ].map((args) => covalence([...args, '--url', url])));
    for (const r of [list, show, del, refused]) assert.doesNotMatch(r.stdout + r.stderr, /[\u0000\u001b\u202e]/u, r.stdout + r.stderr);
    assert.equal(list.stdout.trimEnd().split('\n').length, 2, 'one header and one row');
    assert.ok(list.stdout.includes(shown) && list.stdout.includes('two\\nlines'), list.stdout);
    assert.match(show.stdout, new RegExp(`^properties\\.${shown.replace(/[\\[\]]/g, '\\$&')} +${shown.replace(/[\\[\]]/g, '\\$&')}$`, 'm'));
    assert.equal(del.stdout, `Flavor ${shown} deleted\n`);
    assert.equal(refused.stderr, `covalence: device ${shown} is busy (HTTP 409 Conflict)\n`);
    assert.doesNotMatch(json.stdout, /\p{Cc}(?<!\n)/u);
    assert.equal(JSON.parse(json.stdout).name, evil, 'JSON carries the text exactly, escaped by JSON itself');
  });

  it('sends every flag as the API field it names, ids percent-encoded', async () => {
    answer = (r) => (r.url.startsWith('/v1/pod_managers/')
      ? { status: 200, body: JSON.stringify({ uuid: 'p/1', authentication: [{ type: 'basic', auth_items: { username: 'current-user', password: '***' } }] }) }
      : { status: 200, body: r.method === 'GET' ? '[]' : '{"uuid": "x"}' });
    const runs = await Promise.all([
      ['node', 'compose', 'n1', '--description', 'd', '--podm-id', 'p1', '--type', 'NIC', '--type', 'NIC', '--memory-mib', '2048',
        '--memory-type', 'DDR4', '--cores', '4', '--processor-model', 'Xeon'],
      ['node', 'register', 'a/b', '--driver', 'ipmi', '--driver-info', 'ipmi_address=10.0.0.9', '--driver-info', 'ipmi_password=x=y',
        '--mac', '52:54:00:12:34:56', '--mac', '52:54:00:12:34:57', '--resource-class', 'composed', '--property', 'cpus=8',
        '--trait', 'CUSTOM_A', '--trait', 'CUSTOM_B', '--provision-state', 'available'],
      ['device', 'list', '--podm-id', 'a b', '--type', 'GPU', '--state', 'free', '--node-id', '0x1', '--pooled-group-id', '7'],
      ['podmanager', 'update', 'p/1', '--password', '--location', 'row 9', '--no-insecure'],
      ['podmanager', 'create', 'lab', 'https://eem.example/eem', '--username', 'u', '--password', 'pw', '--driver', 'expether', '--insecure'],
      ['node', 'list', '--podm-id', 'p1', '--name', 'n', '--index', '0x2', '--managed-by', 'ironic', '--project-id', 'p9'],
    ].map((args) => covalence([...args, '--url', url], { input: 'new-secret\n' })));
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    // a name or uuid is first looked up by ?name= (these ids are no uuids); the fake knows no names, so each is taken as it is
    for (const lookup of ['/v1/pod_managers?name=p1', '/v1/nodes?name=a%2Fb', '/v1/pod_managers?name=a+b', '/v1/pod_managers?name=p%2F1']) {
      assert.ok(seen.some((r) => r.method === 'GET' && r.url === lookup), lookup);
    }
    const sent = (method: string, path: string) => seen.find((r) => r.method === method && r.url.split('?')[0] === path && !r.url.includes('?name='));
    assert.deepEqual(sent('POST', '/v1/nodes')!.body, {
      name: 'n1', description: 'd', podm_id: 'p1',
      properties: { pci_device: { type: ['NIC', 'NIC'] }, memory: { capacity_mib: '2048', type: 'DDR4' }, processor: { total_cores: '4', model: 'Xeon' } },
    });
    assert.deepEqual(sent('POST', '/v1/nodes/a%2Fb/register')!.body, {
      driver: 'ipmi', driver_info: { ipmi_address: '10.0.0.9', ipmi_password: 'x=y' }, macs: ['52:54:00:12:34:56', '52:54:00:12:34:57'],
      resource_class: 'composed', properties: { cpus: '8' }, traits: ['CUSTOM_A', 'CUSTOM_B'], provision_state: 'available',
    });
    assert.equal(sent('GET', '/v1/devices')!.url, '/v1/devices?podm_id=a+b&type=GPU&state=free&node_id=0x1&pooled_group_id=7');
    assert.equal(sent('GET', '/v1/pod_managers/p%2F1')!.url, '/v1/pod_managers/p%2F1', 'a new password alone keeps the current user');
    assert.deepEqual(sent('PATCH', '/v1/pod_managers/p%2F1')!.body, {
      location: 'row 9', insecure: false, authentication: [{ type: 'basic', auth_items: { username: 'current-user', password: 'new-secret' } }],
    });
    assert.deepEqual(sent('POST', '/v1/pod_managers')!.body, {
      name: 'lab', url: 'https://eem.example/eem', driver: 'expether', insecure: true, authentication: [{ type: 'basic', auth_items: { username: 'u', password: 'pw' } }],
    });
    assert.equal(sent('GET', '/v1/nodes')!.url, '/v1/nodes?podm_id=p1&name=n&index=0x2&managed_by=ironic&project_id=p9');
  });
});

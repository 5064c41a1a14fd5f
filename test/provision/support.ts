// Shared by the provision tests: real Ironic/Keystone through the scripts, a raw view of Ironic's API
// that does not go through the code under test, and small servers that misbehave on purpose.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';
import type { ComposedNodeFacts } from '../../src/provision/index.js';

const run = promisify(execFile);
// this file runs as dist/test/provision/support.js
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const script = (name: string) => `${repo}scripts/${name}`;

/** Starts (or reuses) an Ironic through scripts/ironic.sh; returns its URL. */
export async function startIronic(port: number, env: Record<string, string> = {}): Promise<string> {
  return startScript(script('ironic.sh'), 'IRONIC_URL', { IRONIC_PORT: String(port), IRONIC_DIR: ironicDir(port), ...env });
}

export async function stopIronic(port: number): Promise<void> {
  await run('bash', [script('ironic.sh'), 'stop'], { env: { ...process.env, IRONIC_PORT: String(port), IRONIC_DIR: ironicDir(port) } });
}

export async function startKeystone(port: number, env: Record<string, string> = {}): Promise<string> {
  return startScript(script('keystone.sh'), 'KEYSTONE_URL', { KEYSTONE_PORT: String(port), KEYSTONE_DIR: keystoneDir(port), ...env });
}

export async function stopKeystone(port: number): Promise<void> {
  await run('bash', [script('keystone.sh'), 'stop'], { env: { ...process.env, KEYSTONE_PORT: String(port), KEYSTONE_DIR: keystoneDir(port) } });
}

const ironicDir = (port: number) => `/tmp/covalence-test-ironic-${port}`;
const keystoneDir = (port: number) => `/tmp/covalence-test-keystone-${port}`;

async function startScript(path: string, name: string, env: Record<string, string>): Promise<string> {
  // the first run installs Debian packages: minutes, not seconds
  const { stdout } = await run('bash', [path, 'start'], { env: { ...process.env, ...env }, timeout: 600_000 });
  const line = stdout.split('\n').find((l) => l.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`${path} printed no ${name}= line: ${stdout}`);
  return line.slice(name.length + 1);
}

/** Ironic's API as an operator sees it, pinned to 1.82, bypassing covalence's client. */
export function rawIronic(url: string, headers: Record<string, string> = {}) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => {
    const res = await request(url + path, {
      method,
      headers: { 'x-openstack-ironic-api-version': '1.82', 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: (text === '' ? undefined : JSON.parse(text)) as Record<string, any> };
  };
}
export type RawIronic = ReturnType<typeof rawIronic>;

/** Polls until the node's provision state is `state` (5 s at most). */
export async function waitForState(ironic: RawIronic, uuid: string, state: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { body } = await ironic('GET', `/v1/nodes/${uuid}?fields=provision_state,target_provision_state`);
    if (body.provision_state === state && body.target_provision_state === null) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`node ${uuid} did not reach ${state}`);
}

export function randomMac(): string {
  return ['52', '54', '00', ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

export function composedNode(overrides: Partial<ComposedNodeFacts> = {}): ComposedNodeFacts {
  return {
    uuid: randomUUID(),
    name: `node-${randomBytes(4).toString('hex')}`,
    podmId: randomUUID(),
    podmName: 'eem-1',
    index: '0x8cdf9d535b14',
    devices: [
      { uuid: randomUUID(), type: 'GPU', vendorName: 'NVIDIA Corporation', deviceName: 'GA100', resourceUri: 'devices/0x8cdf9d535b20' },
      { uuid: randomUUID(), type: 'NIC', vendorName: 'Intel Corporation', deviceName: 'X710', resourceUri: 'devices/0x8cdf9d535b21' },
    ],
    ...overrides,
  };
}

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ProxyHooks {
  /** Answer the request here instead (write the response and return true). */
  intercept?: (req: Recorded, res: ServerResponse) => boolean;
  /** Change the upstream's answer body before passing it on. */
  rewrite?: (req: Recorded, body: string) => string;
}

/** A pass-through HTTP proxy to `target` that records every request. */
export async function recordingProxy(
  target: string,
  { intercept = () => false, rewrite = (_req, body) => body }: ProxyHooks = {},
): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
    requests.push(seen);
    if (intercept(seen, res)) return;
    const { host: _host, connection: _connection, ...headers } = req.headers;
    const hasBody = seen.method !== 'GET' && seen.method !== 'HEAD' && seen.method !== 'DELETE';
    const upstream = await request(target + seen.url, {
      method: seen.method as 'GET',
      headers: headers as Record<string, string>,
      body: hasBody ? req : undefined,
    });
    const { 'transfer-encoding': _te, connection: _c, 'content-length': _cl, ...back } = upstream.headers;
    res.writeHead(upstream.statusCode, back as Record<string, string>);
    res.end(rewrite(seen, await upstream.body.text()));
  });
  return { url: await listen(server), requests, close: () => close(server) };
}

/** A server that accepts connections and never answers. */
export async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(() => {});
  return { url: await listen(server), close: () => { server.closeAllConnections(); return close(server); } };
}

/** A URL on loopback where nothing listens. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

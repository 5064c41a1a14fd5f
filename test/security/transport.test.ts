// The wire: HTTPS for the API, verified TLS towards EEMs (a CA bundle, or an explicit per-pod-manager
// opt-out), CORS only for configured origins, and a request body limit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { podManagerBody, startStack, type Stack } from '../../support/stack.js';
import { as, isValenceError, mintToken } from './support.js';

/** A self-signed certificate for 127.0.0.1, which is its own CA. */
function certificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
    '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert, key };
}

/** An HTTPS front for the simulator, as an EEM with a certificate would be. */
async function tlsFront(target: string, pem: { cert: string; key: string }): Promise<{ url: string; server: Server }> {
  const origin = new URL(target);
  const server = createHttpsServer({ cert: readFileSync(pem.cert), key: readFileSync(pem.key) }, (req, res) => {
    const upstream = httpRequest({ host: origin.hostname, port: origin.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}${origin.pathname}`, server };
}

describe('transport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'covalence-tls-'));
  const pem = certificate(dir);
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('HTTPS', () => {
    let s: Stack;
    before(async () => { s = await startStack({ auth: 'token', config: { tlsCert: pem.cert, tlsKey: pem.key } }); });
    after(() => s.close());

    it('answers HTTPS only when given a certificate and a key', async () => {
      assert.match(s.api, /^https:\/\/127\.0\.0\.1:\d+$/);
      const dispatcher = new Agent({ connect: { ca: readFileSync(pem.cert) } });
      const token = await mintToken(s, 'reader', 'p1');
      const r = await request(`${s.api}/v1/pod_managers`, { dispatcher, headers: { 'x-auth-token': token } });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(await r.body.json(), []);
      await dispatcher.close();
      await assert.rejects(request(`${s.api.replace('https:', 'http:')}/healthz`, { headersTimeout: 2_000 }), 'no plain HTTP beside it');
      await assert.rejects(request(`${s.api}/healthz`), /self[- ]signed/i, 'a client that does not trust the certificate is refused');
    });
  });

  describe('TLS towards EEMs', () => {
    let s: Stack;
    let front: { url: string; server: Server };
    before(async () => {
      s = await startStack();
      front = await tlsFront(s.sim.url, pem);
    });
    after(async () => {
      front.server.closeAllConnections();
      front.server.close();
      await s.close();
    });

    it("refuses an EEM whose certificate it cannot verify (503 naming the reason), and stores nothing", async () => {
      const r = await s.call('POST', '/v1/pod_managers', podManagerBody(front.url, 'tls'));
      assert.ok(isValenceError(r, 503), r.text);
      assert.match(r.body.detail, /SELF_SIGNED|CERT/);
      assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
    });

    it('talks to it with an explicit insecure flag, shows the flag, and re-checks when the flag is turned off', async () => {
      const r = await s.call('POST', '/v1/pod_managers', { ...podManagerBody(front.url, 'tls'), insecure: true });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.insecure, true);
      assert.ok((await s.call('GET', '/v1/devices')).body.length > 0, 'its pool was read over TLS');
      const off = await s.call('PATCH', `/v1/pod_managers/${r.body.uuid}`, { insecure: false });
      assert.ok(isValenceError(off, 503), off.text);
      assert.equal((await s.call('GET', `/v1/pod_managers/${r.body.uuid}`)).body.insecure, true, 'unchanged');
      assert.equal((await s.call('DELETE', `/v1/pod_managers/${r.body.uuid}?force=true`)).status, 200);
      const plain = await s.call('POST', '/v1/pod_managers', podManagerBody(s.sim.url, 'plain'));
      assert.equal(plain.body.insecure, false, 'verification is the default');
    });

    it('verifies it against --eem-ca-file', async () => {
      const withCa = await startStack({ config: { eemCaFile: pem.cert } });
      try {
        const r = await withCa.call('POST', '/v1/pod_managers', podManagerBody(front.url, 'tls'));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.insecure, false);
      } finally {
        await withCa.close();
      }
    });
  });

  describe('CORS', () => {
    it('is off by default: no origin is allowed and a preflight finds no route', async () => {
      const s = await startStack();
      try {
        const r = await s.call('GET', '/v1/devices', undefined, { origin: 'https://evil.example' });
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('access-control-allow-origin'), null);
        const preflight = await s.call('OPTIONS', '/v1/devices', undefined, { origin: 'https://evil.example', 'access-control-request-method': 'GET' });
        assert.equal(preflight.headers.get('access-control-allow-origin'), null);
        assert.ok(preflight.status >= 400);
      } finally {
        await s.close();
      }
    });

    it('allows exactly the configured origins, and answers their preflight without a token', async () => {
      const s = await startStack({ auth: 'token', config: { corsOrigin: ['https://console.example', 'https://ops.example'] } });
      try {
        const token = await mintToken(s, 'reader', 'p1');
        const allowed = await s.call('GET', '/v1/devices', undefined, { origin: 'https://ops.example', ...as(token) });
        assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://ops.example');
        const other = await s.call('GET', '/v1/devices', undefined, { origin: 'https://evil.example', ...as(token) });
        assert.equal(other.headers.get('access-control-allow-origin'), null);
        const preflight = await s.call('OPTIONS', '/v1/nodes', undefined, {
          origin: 'https://console.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-auth-token,content-type',
        });
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://console.example');
      } finally {
        await s.close();
      }
    });
  });

  describe('body limit', () => {
    it('answers a body over 1 MiB with a 413 in Valence\'s body, and takes a configured limit', async () => {
      const s = await startStack();
      const small = await startStack({ config: { bodyLimit: 1_000 } });
      try {
        const big = await s.call('POST', '/v1/flavors', { name: 'f', description: 'x'.repeat(1_100_000), properties: {} });
        assert.ok(isValenceError(big, 413), big.text.slice(0, 200));
        assert.equal(big.body.detail, 'The request body is too large.');
        const over = await small.call('POST', '/v1/flavors', { name: 'f', description: 'x'.repeat(1_000), properties: {} });
        assert.ok(isValenceError(over, 413));
        assert.equal((await small.call('POST', '/v1/flavors', { name: 'f', description: 'x'.repeat(500), properties: {} })).status, 200);
      } finally {
        await s.close();
        await small.close();
      }
    });
  });
});

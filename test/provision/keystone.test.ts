// The provisioner against a real Keystone (scripts/keystone.sh) and an Ironic with auth_strategy = keystone,
// Ironic's URL taken from Keystone's catalog. A recording proxy in front of Keystone counts logins.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProvisioner, ProvisionError, type IronicConfig, type KeystoneAuth } from '../../src/provision/index.js';
import { composedNode, randomMac, recordingProxy, startIronic, startKeystone, stopIronic, stopKeystone } from './support.js';

const IRONIC_PORT = 6387;
const KEYSTONE_PORT = 15010;
const PASSWORD = 'covalence-ks-1618';
let keystoneUrl: string;
let ironicUrl: string;

const keystone = (overrides: Partial<KeystoneAuth> = {}): KeystoneAuth => ({
  type: 'keystone',
  authUrl: `${keystoneUrl}/v3`,
  username: 'covalence',
  password: PASSWORD,
  projectName: 'service',
  userDomainName: 'Default',
  projectDomainName: 'Default',
  ...overrides,
});
const config = (auth: KeystoneAuth, url?: string): IronicConfig => ({
  auth,
  ...(url !== undefined && { url }),
  defaultDriver: 'fake-hardware',
  timeoutMs: 10_000,
});
const spec = () => ({ driverInfo: {}, macs: [randomMac()] });
const isLogin = (r: { method: string; url: string }) => r.method === 'POST' && r.url === '/v3/auth/tokens';

before(async () => {
  [keystoneUrl, ironicUrl] = await Promise.all([
    startKeystone(KEYSTONE_PORT, {
      KEYSTONE_COVALENCE_PASSWORD: PASSWORD,
      IRONIC_URL_FOR_CATALOG: `http://127.0.0.1:${IRONIC_PORT}`,
    }),
    startIronic(IRONIC_PORT, { IRONIC_AUTH: 'keystone', KEYSTONE_URL: `http://127.0.0.1:${KEYSTONE_PORT}` }),
  ]);
});
after(() => Promise.all([stopIronic(IRONIC_PORT), stopKeystone(KEYSTONE_PORT)]));

test('finds Ironic in the catalog and logs in once for many requests', async () => {
  const proxy = await recordingProxy(keystoneUrl);
  const p = createProvisioner(config(keystone({ authUrl: proxy.url, region: 'RegionOne' })));
  try {
    const regs = await Promise.all([p.register(composedNode(), spec()), p.register(composedNode(), spec())]);
    for (const reg of regs) {
      assert.equal((await p.describe(reg.ironicUuid))?.ports.length, 1);
      await p.deregister(reg.ironicUuid);
      assert.equal(await p.describe(reg.ironicUuid), null);
    }
  } finally {
    await p.close();
    await proxy.close();
  }
  assert.equal(proxy.requests.filter(isLogin).length, 1);
});

test('logs in again when Ironic refuses the token, and when the token nears its expiry', async () => {
  const keystoneProxy = await recordingProxy(keystoneUrl, {
    // tokens that expire 2 s after they are issued: renewed after ~1 s
    rewrite: (req, body) =>
      isLogin(req) ? body.replace(/"expires_at": "[^"]+"/, `"expires_at": "${new Date(Date.now() + 2_000).toISOString()}"`) : body,
  });
  let refused = 0;
  const ironicProxy = await recordingProxy(ironicUrl, {
    intercept: (req, res) => {
      if (!req.url.startsWith('/v1/nodes/first-refused') || refused++ > 0) return false;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error": {"code": 401, "message": "expired"}}');
      return true;
    },
  });
  const p = createProvisioner(config(keystone({ authUrl: keystoneProxy.url }), ironicProxy.url));
  try {
    assert.equal(await p.describe('first-refused'), null);
    assert.equal(keystoneProxy.requests.filter(isLogin).length, 2, 'one login, one after the 401');
    await new Promise((r) => setTimeout(r, 1_100));
    assert.equal(await p.describe('another'), null);
    assert.equal(keystoneProxy.requests.filter(isLogin).length, 3, 'and one before expiry');
  } finally {
    await p.close();
    await keystoneProxy.close();
    await ironicProxy.close();
  }
});

test('a wrong password is an auth error that does not repeat it', async () => {
  const wrong = 'wrong-ks-password-1414';
  const p = createProvisioner(config(keystone({ password: wrong })));
  const err = await p.register(composedNode(), spec()).then(() => assert.fail('registered'), (e: unknown) => e);
  await p.close();
  assert.ok(err instanceof ProvisionError);
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.match(err.message, /Keystone refused the credentials/);
  assert.ok(!JSON.stringify({ ...err, message: err.message }).includes(wrong));
});

test('a region without a baremetal endpoint is an auth error naming the region', async () => {
  const p = createProvisioner(config(keystone({ region: 'RegionTwo' })));
  const err = await p.describe('x').then(() => assert.fail('described'), (e: unknown) => e);
  await p.close();
  assert.ok(err instanceof ProvisionError);
  assert.equal(err.kind, 'auth');
  assert.match(err.message, /no public baremetal endpoint in region RegionTwo/);
});

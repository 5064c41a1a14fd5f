// The provisioner against a real Ironic with auth_strategy = http_basic (scripts/ironic.sh, bcrypt htpasswd).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createProvisioner, ProvisionError, type IronicConfig } from '../../src/provision/index.js';
import { composedNode, randomMac, rawIronic, startIronic, stopIronic } from './support.js';

const PORT = 6386;
const USER = 'covalence';
const PASSWORD = 'basic-pw-3141';
let url: string;

const config = (password: string): IronicConfig => ({
  url,
  auth: { type: 'http_basic', username: USER, password },
  defaultDriver: 'fake-hardware',
  timeoutMs: 10_000,
});
const spec = () => ({ driverInfo: {}, macs: [randomMac()], provisionState: 'manageable' as const });

before(async () => {
  url = await startIronic(PORT, { IRONIC_AUTH: 'http_basic', IRONIC_BASIC_USER: USER, IRONIC_BASIC_PASSWORD: PASSWORD });
});
after(() => stopIronic(PORT));

test('with the right password, registers and deregisters', async () => {
  const p = createProvisioner(config(PASSWORD));
  try {
    const reg = await p.register(composedNode(), spec());
    const ironic = rawIronic(url, { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` });
    assert.equal((await ironic('GET', `/v1/nodes/${reg.ironicUuid}`)).body.provision_state, 'manageable');
    await p.deregister(reg.ironicUuid);
    assert.equal((await ironic('GET', `/v1/nodes/${reg.ironicUuid}`)).status, 404);
  } finally {
    await p.close();
  }
});

test('with a wrong password, fails as auth without repeating the password', async () => {
  const wrong = 'not-the-password-2718';
  const p = createProvisioner(config(wrong));
  const err = await p.register(composedNode(), spec()).then(() => assert.fail('registered'), (e: unknown) => e);
  await p.close();
  assert.ok(err instanceof ProvisionError);
  assert.equal(err.kind, 'auth');
  assert.equal(err.status, 401);
  assert.equal(err.ironicMessage, 'Incorrect username or password');
  assert.ok(!JSON.stringify({ ...err, message: err.message }).includes(wrong));
});

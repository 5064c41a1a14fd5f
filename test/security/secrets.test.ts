// Secrets at rest, in answers and in logs: `covalence secrets rotate-key` (whole, and finishing a run
// that was cut short), and the Ironic, Keystone, EEM and BMC passwords never answered nor logged.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSecretBox, SecretBox } from '../../src/core/index.js';
import { writeKeyFile } from '../../src/core/access/secret-box.js';
import { startEemSim } from '../../src/sim/eem/index.js';
import { openStore } from '../../src/store/database.js';
import { covalence } from '../cli/support.js';
import { runCovalence } from '../../support/process.js';
import { EEM_PASSWORD, EEM_USER, http, podManagerBody, startStack } from '../../support/stack.js';
import { BMC_PASSWORD, IRONIC_PASSWORD, KEYSTONE_SERVICE_PASSWORD, leaksIn } from '../support/leaks.js';

const sealedPasswords = async (dbUrl: string) => {
  const store = await openStore(dbUrl);
  try {
    return (await store.db.selectFrom('pod_managers').select('password_sealed').execute()).map((r) => r.password_sealed);
  } finally {
    await store.close();
  }
};

describe('secrets rotate-key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'covalence-rotate-'));
  const keyFile = join(dataDir, 'secret.key');
  let dbUrl: string; // the stacks' store, found again on each restart on dataDir
  const rotate = () => covalence(['secrets', 'rotate-key', '--db', dbUrl, '--secret-key-file', keyFile]);
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A service on the data directory proves it can open the stored password: a sync signs in to the EEM with it. */
  const syncWorks = async (eemOf: string) => {
    const s = await startStack({ dataDir });
    try {
      const r = await s.call('POST', '/v1/devices/sync', { podm_id: eemOf });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body[0].status, 'SUCCESS', r.text);
    } finally {
      await s.close();
    }
  };

  it('re-seals every stored secret with a new key that only it can open, and covalence signs in with it after a restart', async () => {
    const first = await startStack({ dataDir });
    dbUrl = first.dbUrl;
    const podm = await first.addPodManager();
    await first.service.close(); // its simulator stays up: the stored pod manager points at it
    try {
      const oldKey = readFileSync(keyFile);
      const [before] = await sealedPasswords(dbUrl);
      const r = await rotate();
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Rotated the key: 1 secret\(s\) re-sealed/);
      assert.ok(!readFileSync(keyFile).equals(oldKey), 'a new key');
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
      assert.ok(!existsSync(`${keyFile}.old`), 'the old key is gone once done');
      const [after] = await sealedPasswords(dbUrl);
      assert.notEqual(after, before);
      assert.equal(loadSecretBox(keyFile).open(after!), EEM_PASSWORD);
      assert.throws(() => new SecretBox(Buffer.from(oldKey.toString().trim(), 'base64')).open(after!), 'the old key opens nothing');
      await syncWorks(podm);
    } finally {
      await first.sim.close();
    }
  });

  it('leaves every secret readable when cut short, and a second run finishes it', async () => {
    // Another EEM than the first test's (boards of its own): one EEM is one pod manager.
    const eem = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { generate: { servers: 2, devices: 2, seed: 5 } } });
    try {
      const s = await startStack({ dataDir });
      const created = await s.call('POST', '/v1/pod_managers', podManagerBody(eem.url, 'second'));
      assert.equal(created.status, 200, created.text);
      await s.close();
      // As a run killed after it kept the old key and wrote the new one, before the re-sealing transaction.
      copyFileSync(keyFile, `${keyFile}.old`);
      writeKeyFile(keyFile, randomBytes(32));
      await syncWorks(created.body.uuid);
      const r = await rotate();
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Finished an interrupted rotation: 2 secret\(s\) re-sealed/);
      assert.ok(!existsSync(`${keyFile}.old`));
      for (const sealed of await sealedPasswords(dbUrl)) assert.equal(new SecretBox(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).open(sealed), EEM_PASSWORD);
      await syncWorks(created.body.uuid);
    } finally {
      await eem.close();
    }
  });

  it('says so when there is no key to rotate (exit 1)', async () => {
    const r = await covalence(['secrets', 'rotate-key', '--db', 'sqlite::memory:', '--secret-key-file', join(dataDir, 'none.key')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no key file at .*none\.key: nothing to rotate/);
  });
});

describe('passwords given to covalence', () => {
  it('are never answered nor logged, even at debug level, by the real command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'covalence-leaks-'));
    const eem = await startEemSim({ port: 0, user: EEM_USER, password: EEM_PASSWORD, topology: { named: 'valence-fixtures' } });
    const running = await runCovalence([
      'serve', '--port', '0', '--db', `sqlite:${join(dataDir, 'db.sqlite')}`, '--secret-key-file', join(dataDir, 'key'), '--sync-interval', '0',
      '--log-level', 'debug', '--ironic-url', 'http://127.0.0.1:9/', '--ironic-auth', 'http_basic', '--ironic-user', 'covalence',
      '--keystone-url', 'http://127.0.0.1:9/v3', '--keystone-user', 'covalence', '--keystone-password', KEYSTONE_SERVICE_PASSWORD, '--keystone-project', 'service',
    ], /covalence is serving/, { COVALENCE_IRONIC_PASSWORD: IRONIC_PASSWORD });
    try {
      const api = /"url":"(http:\/\/[^"]+)"/.exec(running.output())![1]!;
      const answers: string[] = [];
      const call = async (method: string, path: string, body?: unknown) => {
        const r = await http(`${api}${path}`, method, body);
        answers.push(r.text);
        return r;
      };
      const podm = await call('POST', '/v1/pod_managers', podManagerBody(eem.url));
      assert.equal(podm.status, 200, podm.text);
      await call('PATCH', `/v1/pod_managers/${podm.body.uuid}`, { authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: EEM_PASSWORD } }] });
      await call('PATCH', `/v1/pod_managers/${podm.body.uuid}`, { authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: 'wrong' } }] });
      const node = await call('POST', '/v1/nodes', { name: 'n', podm_id: podm.body.uuid });
      const register = await call('POST', `/v1/nodes/${node.body.uuid}/register`, { driver_info: { ipmi_address: '10.0.0.9', ipmi_username: 'admin', ipmi_password: BMC_PASSWORD } });
      assert.equal(register.status, 503, 'Ironic is not there');
      await call('POST', '/v1/pod_managers', '{"authentication": [{"auth_items": {"password": "' + EEM_PASSWORD + '"');
      for (const path of ['/', '/v1', '/readyz', '/metrics', '/v1/openapi.json', '/v1/pod_managers', `/v1/nodes/${node.body.uuid}`, '/v1/audit']) await call('GET', path);
      assert.deepEqual(leaksIn(answers.join('\n')), [], 'no answer holds a password');
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
      await eem.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    assert.match(running.output(), /request completed/, 'the log is at debug level and saw the requests');
    assert.deepEqual(leaksIn(running.output()), [], 'no log line holds a password');
  });
});

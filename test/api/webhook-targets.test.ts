// Webhooks are never delivered into the networks `--webhook-deny` names (by default the link-local
// ones, where clouds serve instance metadata): a literal address is refused when subscribing, and a
// name is checked when it is resolved, so nothing reaches a receiver there.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

describe('webhook targets', { timeout: 60_000 }, () => {
  let s: Stack;
  let hits = 0;
  const receiver = createServer((_req, res) => {
    hits += 1;
    res.writeHead(204).end();
  });
  let port = 0;

  before(async () => {
    s = await startStack({ config: { webhookDeny: ['169.254.0.0/16', 'fe80::/10', '127.0.0.0/8', '::1/128'], webhookRetryBase: 0.1, eventPoll: 0.1 } });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    port = (receiver.address() as AddressInfo).port;
  });
  after(async () => {
    await s.close();
    await new Promise((done) => receiver.close(done));
  });

  const subscribe = (url: string) => s.call('POST', '/v1/subscriptions', { url, secret: 'a-webhook-secret-0451' });

  it('a URL naming a denied address is refused, naming the field and the setting', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[::ffff:169.254.169.254]/', 'http://[fe80::1]/', `http://127.0.0.1:${port}/hook`]) {
      const r = await subscribe(url);
      assert.equal(r.status, 400, `${url}: ${r.text}`);
      assert.match(r.body.detail, /'url'.*--webhook-deny/, r.body.detail);
    }
    assert.deepEqual((await s.call('GET', '/v1/subscriptions')).body, []);
  });

  it('a name that resolves into a denied network is subscribed, but nothing is delivered there, and its status says why', async () => {
    const made = await subscribe(`http://localhost:${port}/hook`);
    assert.equal(made.status, 200, made.text);
    await s.addPodManager();
    let status: { last_error: string | null } = { last_error: null };
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && status.last_error === null;) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await s.call('GET', `/v1/subscriptions/${made.body.uuid}`)).body.status;
    }
    assert.match(status.last_error ?? '', /localhost: webhooks may not be delivered to (127\.0\.0\.1|::1)/);
    assert.equal(hits, 0, 'the receiver on a denied address got nothing');
  });
});

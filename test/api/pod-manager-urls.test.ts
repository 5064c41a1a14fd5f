import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { podManagerBody, startStack, type Stack } from '../../support/stack.js';

describe('pod manager create: an honest answer about the URL', () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(() => s.close());

  it('a URL that answers 404 at api_version is a 502 saying it is not an EEM base path; nothing is stored', async () => {
    const url = `${s.sim.origin}/not-the-eem`;
    const r = await s.call('POST', '/v1/pod_managers', podManagerBody(url, 'wrong-path'));
    assert.equal(r.status, 502, r.text);
    assert.match(r.body.detail, /^pod manager wrong-path \(.*\/not-the-eem\): .*GET api_version answered 404, so this URL is not an EEM base path/);
    assert.deepEqual((await s.call('GET', '/v1/pod_managers')).body, []);
  });

  for (const [url, why] of [
    ['http://127.0.0.1:99999/eem', /not a valid URL/],
    ['http://', /not a valid URL/],
    ['http://:8080/eem', /not a valid URL/],
    ['http://127.0.0.1:0/eem', /Port 0/],
  ] as const) {
    it(`${url} is a 400 naming the field`, async () => {
      const r = await s.call('POST', '/v1/pod_managers', podManagerBody(url, 'bad-url'));
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.detail, /^Invalid input for field\/attribute 'url'\. /);
      assert.match(r.body.detail, why);
    });
  }

  it('PATCH to such a URL is a 400 too', async () => {
    const podm = await s.addPodManager();
    const r = await s.call('PATCH', `/v1/pod_managers/${podm}`, { url: 'http://127.0.0.1:99999/eem' });
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.detail, /^Invalid input for field\/attribute 'url'\. /);
  });
});

// How request bodies are read: what Valence's clients send is accepted, anything else is refused
// with the right status in Valence's error body.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startStack, type Stack } from '../../support/stack.js';

const JSON_TYPE = { 'content-type': 'application/json' };

describe('request bodies', () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
    await s.addPodManager();
  });
  after(() => s.close());

  function isValenceError(body: Record<string, unknown>, status: number): void {
    assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'request_id', 'status', 'title']);
    assert.equal(body.status, status);
  }

  it('an empty POST body with Content-Type: application/json is {} (curl -X POST … -H "Content-Type: application/json")', async () => {
    const r = await s.call('POST', '/v1/devices/sync', '', JSON_TYPE);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body[0].status, 'SUCCESS');
  });

  it('an empty DELETE body with Content-Type: application/json is {}', async () => {
    const flavor = await s.call('POST', '/v1/flavors', { name: 'f', properties: {} });
    const r = await s.call('DELETE', `/v1/flavors/${flavor.body.uuid}`, '', JSON_TYPE);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.code, 'DELETED');
  });

  it('an empty body where one is required is a 400 naming the missing field, not the empty body', async () => {
    const r = await s.call('POST', '/v1/flavors', '', JSON_TYPE);
    assert.equal(r.status, 400, r.text);
    isValenceError(r.body, 400);
    assert.match(r.body.detail, /'name'. It is required/);
  });

  it('Content-Type: text/plain is a 415 in Valence\'s body, saying the body must be JSON', async () => {
    const r = await s.call('POST', '/v1/flavors', JSON.stringify({ name: 'f', properties: {} }), { 'content-type': 'text/plain' });
    assert.equal(r.status, 415, r.text);
    isValenceError(r.body, 415);
    assert.match(r.body.detail, /must be JSON \(Content-Type: application\/json\), not 'text\/plain'/);
  });

  it('a gzip-compressed body is a 415 naming Content-Encoding, with Accept-Encoding: identity', async () => {
    const body = gzipSync(JSON.stringify({ name: 'zipped', properties: {} }));
    const res = await fetch(`${s.api}/v1/flavors`, { method: 'POST', body, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' } });
    assert.equal(res.status, 415);
    assert.equal(res.headers.get('accept-encoding'), 'identity');
    const answer = await res.json() as Record<string, unknown>;
    isValenceError(answer, 415);
    assert.match(String(answer.detail), /Content-Encoding: gzip/);
    assert.ok(!(await s.call('GET', '/v1/flavors')).body.some((f: { name: string }) => f.name === 'zipped'), 'nothing was created');
  });

  it('Content-Encoding: identity is a plain body', async () => {
    const r = await s.call('POST', '/v1/flavors', { name: 'plain', properties: {} }, { ...JSON_TYPE, 'content-encoding': 'identity' });
    assert.equal(r.status, 200, r.text);
  });
});

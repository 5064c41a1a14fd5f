import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStack, type Stack } from '../../support/stack.js';

interface Brief { uuid: string; resource_uri: string }

/** The answers prepared once per pool revision: validators, encodings, pages and whole records. */
describe('listings and shows prepared per pool revision', () => {
  let s: Stack;
  before(async () => {
    s = await startStack({ topology: { generate: { servers: 12, devices: 57, seed: 4 } } });
    await s.addPodManager();
  });
  after(() => s.close());

  /** The raw answer, undecoded, so that the test sees what the server sent. */
  const raw = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${s.api}${path}`, { headers });
    return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
  };

  for (const path of ['/v1/devices', '/v1/devices?state=free&detail=true', 'a device']) {
    it(`${path}: If-None-Match with the current ETag answers 304 without a body, an old one 200`, async () => {
      const url = path === 'a device' ? `/v1/devices/${(await s.call('GET', '/v1/devices')).body[0].uuid}` : path;
      const first = await raw(url);
      assert.equal(first.status, 200);
      const etag = first.headers.etag as string;
      assert.match(etag, /^W\/".+"$/);
      const again = await raw(url, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, etag);
      assert.equal((await raw(url, { 'if-none-match': `W/"0-old", ${etag}` })).status, 304, 'any tag of a list matches');

      await s.call('POST', '/v1/flavors', { name: `advance-${Math.random()}`, properties: {} }); // any inventory write
      const after = await raw(url, { 'if-none-match': etag });
      assert.equal(after.status, 200, 'an ETag of an older revision is answered in full');
      assert.notEqual(after.headers.etag, etag);
      assert.deepEqual(JSON.parse(after.body.toString()), JSON.parse(first.body.toString()), 'the same content');
    });
  }

  it('gzip, br and identity decode to the same JSON, with Vary: Accept-Encoding', async () => {
    const plain = await raw('/v1/devices?detail=true');
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzipped = await raw('/v1/devices?detail=true', { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    const brotli = await raw('/v1/devices?detail=true', { 'accept-encoding': 'gzip;q=0.5, br' });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal((await raw('/v1/devices', { 'accept-encoding': 'gzip;q=0, br;q=0' })).headers['content-encoding'], undefined);
    const json = JSON.parse(plain.body.toString());
    assert.deepEqual(JSON.parse(gunzipSync(gzipped.body).toString()), json);
    assert.deepEqual(JSON.parse(brotliDecompressSync(brotli.body).toString()), json);
    assert.ok(gzipped.body.length < plain.body.length / 3);
    for (const r of [plain, gzipped, brotli]) {
      assert.match(String(r.headers.vary), /accept-encoding/i);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(r.headers.etag, plain.headers.etag, 'one resource, one revision: one (weak) validator');
    }
  });

  it('limit and marker walk the whole pool exactly once, following Link rel="next"; the body stays an array', async () => {
    const all: Brief[] = (await s.call('GET', '/v1/devices')).body;
    assert.equal(all.length, 57);
    const seen: string[] = [];
    let next: string | undefined = '/v1/devices?limit=10';
    let pages = 0;
    while (next) {
      const r = await s.call('GET', next);
      assert.equal(r.status, 200, r.text);
      assert.ok(Array.isArray(r.body));
      assert.ok(r.body.length <= 10);
      seen.push(...r.body.map((d: Brief) => d.uuid));
      pages++;
      const link = r.headers.get('link');
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
    }
    assert.equal(pages, 6);
    assert.deepEqual(seen, all.map((d) => d.uuid), 'in the listing\'s order, none twice, none missed');
    const exact = await s.call('GET', '/v1/devices?limit=57');
    assert.equal(exact.body.length, 57);
    assert.equal(exact.headers.get('link'), null, 'no next page when the last one is full');
  });

  it('paging keeps the filters in the next link', async () => {
    const free: Brief[] = (await s.call('GET', '/v1/devices?state=free')).body;
    const first = await s.call('GET', '/v1/devices?state=free&limit=3');
    const link = first.headers.get('link')!;
    assert.match(link, /state=free/);
    const second = await s.call('GET', /^<([^>]+)>/.exec(link)![1]!);
    assert.deepEqual([...first.body, ...second.body].map((d: Brief) => d.uuid), free.slice(0, 6).map((d) => d.uuid));
  });

  it('a marker that is no device, or a limit out of range, is a 400 naming the field', async () => {
    const r = await s.call('GET', '/v1/devices?marker=00000000-0000-0000-0000-000000000000');
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /marker/);
    for (const limit of ['0', '1001', 'ten', '-1']) {
      const bad = await s.call('GET', `/v1/devices?limit=${limit}`);
      assert.equal(bad.status, 400, limit);
      assert.match(bad.body.detail, /limit/);
    }
  });

  it('detail=true answers every device as its own show does', async () => {
    const records = (await s.call('GET', '/v1/devices?detail=true')).body;
    const briefs: Brief[] = (await s.call('GET', '/v1/devices')).body;
    assert.deepEqual(records.map((d: Brief) => d.uuid), briefs.map((d) => d.uuid));
    for (const record of records) assert.deepEqual(record, (await s.call('GET', `/v1/devices/${record.uuid}`)).body);
    const paged = await s.call('GET', '/v1/devices?detail=true&limit=5');
    assert.deepEqual(paged.body, records.slice(0, 5));
  });
});

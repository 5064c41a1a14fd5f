// How covalence serves the built console at /ui (no browser needed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { installErrorHandling } from '../../src/api/errors.js';
import { uiRoutes } from '../../src/api/resources/ui/routes.js';
import { startStack, type Stack } from '../../support/stack.js';

describe('serving the console', () => {
  let s: Stack;
  const get = (path: string) => fetch(`${s.api}${path}`, { redirect: 'manual' });

  before(async () => { s = await startStack(); });
  after(() => s.close());

  it('/ui redirects to /ui/, keeping the query', async () => {
    const r = await get('/ui?x=1');
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/ui/?x=1');
  });

  it("answers index.html, never cached, for the console's own paths, with a same-origin CSP", async () => {
    for (const path of ['/ui/', '/ui/nodes/0b7c1f7e-0000-4000-8000-000000000000', '/ui/pod-managers']) {
      const r = await get(path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(r.headers.get('cache-control'), 'no-cache');
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(await r.text(), /<div id="app">/);
    }
  });

  it('serves the hashed assets as immutable, and an unknown file is a Valence 404', async () => {
    const html = await (await get('/ui/')).text();
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'index.html loads a hashed script');
    const r = await get(script);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control') ?? '', /immutable/);
    const missing = await get('/ui/assets/nope.js');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys((await missing.json()) as object).sort(), ['code', 'detail', 'request_id', 'status', 'title']);
  });

  it('another method is a Valence 405', async () => {
    const r = await fetch(`${s.api}/ui/`, { method: 'POST' });
    assert.equal(r.status, 405);
    assert.match(((await r.json()) as { detail: string }).detail, /allowed: GET/);
  });

  it('a console that was not built is a 503 saying so', async (t) => {
    const empty = mkdtempSync(join(tmpdir(), 'covalence-ui-'));
    const app = Fastify();
    installErrorHandling(app);
    await app.register(uiRoutes, { root: empty });
    t.after(async () => { await app.close(); rmSync(empty, { recursive: true }); });
    for (const url of ['/ui', '/ui/', '/ui/nodes/x']) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 503, url);
      assert.equal(r.json().title, 'Console Not Built');
      assert.match(r.json().detail, /npm run build:ui/);
    }
  });
});

// A server takes devices of its own board generation only (a deliberate difference from Valence):
// compose plans say which generation they draw from, and a shortage names the real cause.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suiteWithPodManager } from '../support/suite.js';

describe('the board-generation rule, made visible', () => {
  const t = suiteWithPodManager();

  it('a ?dry_run=true plan names the board generation its server and devices share, and the rule', async () => {
    const r = await t.s.call('POST', '/v1/nodes?dry_run=true', { podm_id: t.podm, name: 'p', properties: { pci_device: { type: ['GPU'] } } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.index, '0x3333333333');
    assert.equal(r.body.generation, '40g');
    assert.match(r.body.generation_rule, /a 40g server takes 40g devices only \(ExpEther joins boards of one generation\)/);
  });

  it('with no 40G server free, a 40G-only request names that cause, not "0 free on 10g boards" alone', async () => {
    // the only free 40G server becomes a node; the 10G server 0x2222222222 is still free
    assert.equal((await t.s.call('POST', '/v1/nodes', { podm_id: t.podm, name: 'takes-40g' })).status, 200);
    const r = await t.s.call('POST', '/v1/nodes?dry_run=true', { podm_id: t.podm, name: 'p', properties: { pci_device: { type: ['GPU'] } } });
    assert.equal(r.status, 404, r.text);
    assert.match(r.body.detail, /1 GPU requested, 0 free on 10g boards; 1 GPU free on 40g boards, but no free 40g server/);
  });
});

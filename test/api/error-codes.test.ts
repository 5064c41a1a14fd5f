import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suiteWithPodManager } from '../support/suite.js';

// One scheme for `code`: the status's reason phrase, as Valence's ValenceError; the EEM's own code
// only where covalence answers with the EEM's status, as Valence's ExpEther driver passed it on.
describe('error codes follow one scheme', () => {
  const t = suiteWithPodManager();

  const codeOf = async (method: string, path: string, body?: unknown) => {
    const r = await t.s.call(method, path, body);
    return { status: r.status, code: r.body.code, title: r.body.title };
  };

  it("covalence's own refusals carry the reason phrase of their status", async () => {
    assert.deepEqual(await codeOf('GET', '/v1/flavors/nope'), { status: 404, code: 'Not Found', title: 'Resource could not be found' });
    assert.deepEqual(await codeOf('POST', '/v1/flavors', { name: '' }), { status: 400, code: 'Bad Request', title: 'Validation Error' });
    assert.deepEqual(await codeOf('PUT', '/v1/flavors'), { status: 405, code: 'Method Not Allowed', title: 'Method Not Allowed' });
    assert.deepEqual(await codeOf('GET', '/v1/nothing'), { status: 404, code: 'Not Found', title: 'Not Found' });
  });

  it("no server or device free is Valence's 404 with the EEM code 40400", async () => {
    const r = await codeOf('POST', '/v1/nodes', { name: 'big', podm_id: t.podm, properties: { pci_device: { type: Array(16).fill('GPU') } } });
    assert.deepEqual([r.status, r.code], [404, '40400']);
  });

  it("an EEM's code is passed on with its status (404), not behind a 502 it would contradict", async () => {
    assert.deepEqual((await codeOf('GET', `/v1/systems/0x0000000001?podm_id=${t.podm}`)).code, '40400');
    for (const [status, code] of [[400, '40000'], [500, '50000']] as const) {
      await t.s.simControl('POST', '/_sim/faults', { path: 'devices', status, code, count: 1 });
      const r = await t.s.call('GET', `/v1/systems?podm_id=${t.podm}`);
      await t.s.simControl('DELETE', '/_sim/faults');
      assert.deepEqual([r.status, r.body.code, r.body.title], [502, 'Bad Gateway', 'Pod Manager Error']);
      assert.match(r.body.detail, new RegExp(`the EEM answered ${status} \\(${code}\\)`), 'the EEM code stays in the detail');
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { podManagerBody, startStack, type Stack } from '../../support/stack.js';

describe('names and descriptions refuse control characters, naming the field', () => {
  let s: Stack;
  let podm: string;
  let flavor: string;
  before(async () => {
    s = await startStack();
    podm = await s.addPodManager();
    flavor = (await s.call('POST', '/v1/flavors', { name: 'plain', properties: {} })).body.uuid;
  });
  after(() => s.close());

  const BAD = { NUL: 'a\u0000b', newline: 'a\nb', 'ANSI escape': 'a\u001b[31mred', DEL: 'a\u007f', C1: 'a\u009b2J', 'line separator': 'a\u2028b', 'bidi override': 'a\u202eb' };

  const refused = async (method: string, path: string, body: object, field: string) => {
    const r = await s.call(method, path, body);
    assert.equal(r.status, 400, `${method} ${path} ${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.detail, `Invalid input for field/attribute '${field}'. It must not contain control characters (NUL, newlines, tabs, ANSI escapes), line separators or bidirectional overrides.`);
  };

  for (const [kind, text] of Object.entries(BAD)) {
    it(`${kind}: refused in node, flavor and pod manager names and descriptions`, async () => {
      await refused('POST', '/v1/nodes', { name: text, properties: {} }, 'name');
      await refused('POST', '/v1/nodes', { name: 'n', description: text, properties: {} }, 'description');
      await refused('POST', '/v1/flavors', { name: text, properties: {} }, 'name');
      await refused('POST', '/v1/flavors', { name: 'f', description: text, properties: {} }, 'description');
      await refused('PATCH', `/v1/flavors/${flavor}`, { name: text }, 'name');
      await refused('PATCH', `/v1/flavors/${flavor}`, { description: text }, 'description');
      await refused('POST', '/v1/pod_managers', { ...podManagerBody('http://127.0.0.1:1/eem', text) }, 'name');
      await refused('POST', '/v1/pod_managers', { ...podManagerBody('http://127.0.0.1:1/eem', 'p2'), description: text }, 'description');
      await refused('PATCH', `/v1/pod_managers/${podm}`, { name: text }, 'name');
      await refused('PATCH', `/v1/pod_managers/${podm}`, { location: text }, 'location');
    });
  }

  it('printable text, accents and emoji included, is taken as it is', async () => {
    const r = await s.call('PATCH', `/v1/flavors/${flavor}`, { name: 'Größe — ✓ gpu 🚀', description: 'two  spaces, "quotes" & <tags>' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, 'Größe — ✓ gpu 🚀');
  });
});

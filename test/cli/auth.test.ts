import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mintToken } from '../security/support.js';
import { startStack, type Stack } from '../../support/stack.js';
import { client, tableRows } from './support.js';

describe('covalence against a server with --auth token', () => {
  let s: Stack;
  let cli: ReturnType<typeof client>;
  let admin: string;
  let reader: string;

  before(async () => {
    s = await startStack({ auth: 'token' });
    cli = client(s.api);
    [admin, reader] = await Promise.all([mintToken(s, 'admin', 'ops'), mintToken(s, 'reader', 'p1', 'rea')]);
  });
  after(() => s.close());

  it('without a token: the 401 detail and exit 1; with one from COVALENCE_TOKEN the verb runs; a refused role is exit 1 too', async () => {
    const [none, read, refused] = await Promise.all([
      cli.run(['flavor', 'list']),
      cli.run(['flavor', 'list', '-o', 'json'], { env: { COVALENCE_TOKEN: reader } }),
      cli.run(['flavor', 'create', 'big', '--type', 'GPU'], { env: { COVALENCE_TOKEN: reader } }),
    ]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^covalence: .*X-Auth-Token.* \(HTTP 401 /);
    assert.equal(read.code, 0, read.stderr);
    assert.deepEqual(JSON.parse(read.stdout), []);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\(HTTP 403 /);
  });

  it('audit list shows the refusal to an admin, filtered, in a table or JSON', async () => {
    const env = { COVALENCE_TOKEN: admin };
    const denied = await cli.json(['audit', 'list', '--result', 'denied', '--user', 'rea', '--limit', '10'], { env });
    assert.equal(denied.length, 1);
    assert.deepEqual([denied[0].action, denied[0].project, denied[0].status], ['flavor.create', 'p1', 403]);
    const table = await cli.run(['audit', 'list', '--action', 'flavor.create'], { env });
    assert.deepEqual(tableRows(table.stdout)[0], ['ID', 'TIME', 'USER_NAME', 'PROJECT', 'ROLE', 'ACTION', 'TARGET', 'RESULT', 'STATUS']);
    const bad = await cli.run(['audit', 'list', '--result', 'maybe'], { env });
    assert.equal(bad.code, 2);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { EEM_PASSWORD, EEM_USER, startStack, type Stack } from '../../support/stack.js';
import { client, short, tableRows } from './support.js';

describe('covalence podmanager', () => {
  let s: Stack;
  let cli: ReturnType<typeof client>;
  let uuid: string;

  before(async () => {
    s = await startStack();
    cli = client(s.api);
  });
  after(() => s.close());

  it('create reads the password from stdin when it is not a terminal, and prints the record without it', async () => {
    const r = await cli.run(['podmanager', 'create', 'rack1', s.sim.url, '--username', EEM_USER, '--location', 'row 3', '--description', 'lab', '-o', 'json'],
      { input: `${EEM_PASSWORD}\n` });
    assert.equal(r.code, 0, r.stderr);
    const podm = JSON.parse(r.stdout);
    assert.deepEqual([podm.name, podm.status, podm.location, podm.description], ['rack1', 'Online', 'row 3', 'lab']);
    assert.deepEqual(podm.authentication, [{ type: 'basic', auth_items: { username: EEM_USER, password: '***' } }]);
    assert.equal(r.stderr, '', 'no prompt when stdin is a pipe');
    uuid = podm.uuid;
  });

  it('list and show print a table, JSON or YAML, with -c picking the fields', async () => {
    const [table, wide, picked, yaml, fields, all] = await Promise.all([
      cli.run(['podmanager', 'list']),
      cli.run(['podmanager', 'list', '--wide']),
      cli.json(['podmanager', 'list', '-c', 'name', '-c', 'authentication']),
      cli.run(['podmanager', 'show', uuid, '-o', 'yaml']),
      cli.run(['podmanager', 'show', uuid, '-c', 'name', '-c', 'status']),
      cli.run(['podmanager', 'show', uuid]),
    ]);
    assert.equal(table.code, 0, table.stderr);
    const [header, row, ...rest] = tableRows(table.stdout);
    assert.deepEqual(header, ['UUID', 'NAME', 'URL', 'STATUS', 'LOCATION', 'LAST_SYNC_AT']);
    assert.deepEqual(row!.slice(0, 5), [short(uuid), 'rack1', s.sim.url, 'Online', 'row 3'], 'a uuid cut to 8 digits, so that rows fit a terminal');
    assert.match(row![5]!, /UTC$/);
    assert.equal(rest.length, 0);
    assert.equal(tableRows(wide.stdout)[1]![0], uuid, '--wide shows it whole');
    assert.equal(wide.stdout.split('\n')[0]!.length - table.stdout.split('\n')[0]!.length, uuid.length - short(uuid).length);

    assert.deepEqual(picked,
      [{ name: 'rack1', authentication: [{ type: 'basic', auth_items: { username: EEM_USER, password: '***' } }] }]);

    assert.equal(yaml.code, 0, yaml.stderr);
    assert.equal(parse(yaml.stdout).url, s.sim.url);

    assert.deepEqual(tableRows(fields.stdout), [['name', 'rack1'], ['status', 'Online']]);
    assert.match(all.stdout, /^authentication +TYPE +AUTH_ITEMS\n +basic +\{"username":"eem-admin","password":"\*\*\*"\}$/m, 'a list of records is a table in its field');
  });

  it('update renames and re-credentials; a wrong password is the API error on stderr and exit 1', async () => {
    const renamed = await cli.json(['podmanager', 'update', uuid, '--name', 'rack-one', '--location', 'row 4']);
    assert.deepEqual([renamed.name, renamed.location, renamed.description], ['rack-one', 'row 4', 'lab']);

    const good = await cli.run(['podmanager', 'update', uuid, '--password', '-c', 'status'], { input: `${EEM_PASSWORD}\n` });
    assert.equal(good.code, 0, good.stderr);
    assert.deepEqual(tableRows(good.stdout), [['status', 'Online']]);

    const bad = await cli.run(['podmanager', 'update', uuid, '--username', EEM_USER, '--password', 'not-it']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^covalence: .*Invalid credentials.* \(HTTP 401 Authorization Error\)\n$/);
    assert.ok(!bad.stderr.includes('not-it'), 'the password is not echoed in the error');
  });

  it('refuses what is not a request before asking the API: exit 2', async () => {
    const [nothing, noPassword, noUser, badDriver] = await Promise.all([
      cli.run(['podmanager', 'update', uuid]),
      cli.run(['podmanager', 'create', 'rack2', 'http://127.0.0.1:9/eem', '--username', 'u']),
      cli.run(['podmanager', 'create', 'rack2', 'http://127.0.0.1:9/eem']),
      cli.run(['podmanager', 'create', 'rack2', 'http://127.0.0.1:9/eem', '--username', 'u', '--driver', 'redfish']),
    ]);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /nothing to update/);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /no EEM password for u given: pass it as a flag, type it at the prompt or pipe it on stdin/);
    assert.equal(noUser.code, 2);
    assert.match(noUser.stderr, /required option '--username <name>' not specified/);
    assert.equal(badDriver.code, 2);
  });

  it('a duplicate is the API\'s 409; delete refuses a pod manager with nodes unless --force', async () => {
    const dup = await cli.run(['podmanager', 'create', 'rack2', s.sim.url, '--username', EEM_USER, '--password', EEM_PASSWORD]);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists\. \(HTTP 409 Conflict\)/);

    assert.equal((await s.call('POST', '/v1/nodes', { name: 'n1', podm_id: uuid })).status, 200);
    const refused = await cli.run(['podmanager', 'delete', uuid]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /still has 1 composed node\(s\); decompose them first or delete with \?force=true/);

    const forced = await cli.run(['podmanager', 'delete', uuid, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, `Pod manager ${uuid} has been deleted successfully.\n`);
    assert.equal((await s.call('GET', '/v1/nodes')).body.length, 0);

    const gone = await cli.run(['podmanager', 'show', uuid]);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /not found/);
  });
});

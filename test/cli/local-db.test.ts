// The commands that work on the database directly (token, secrets) refuse a SQLite file that is not
// there instead of creating an empty database in which a new token would work nowhere.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';
import { covalence } from './support.js';

it('token create|list|revoke and secrets rotate-key refuse a --db file that does not exist, naming its full path, and create nothing', async () => {
  const absent = join(mkdtempSync(join(tmpdir(), 'covalence-no-db-')), 'covalence.sqlite');
  const relative = 'no-such-dir/covalence.sqlite';
  const runs = await Promise.all([
    ['token', 'create', '--role', 'admin', '--project', 'p', '--db', `sqlite:${absent}`],
    ['token', 'list', '--db', `sqlite:${relative}`],
    ['token', 'revoke', 'x', '--db', `sqlite:${absent}`],
    ['secrets', 'rotate-key', '--secret-key-file', join(absent, '..', 'k'), '--db', `sqlite:${absent}`],
  ].map((args) => covalence(args)));
  for (const r of runs) {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
  }
  assert.match(runs[0]!.stderr, new RegExp(`^covalence: no covalence database at ${absent}.*give the --db that covalence serve uses\n$`));
  assert.ok(runs[1]!.stderr.includes(`no covalence database at ${resolve(relative)} `) && runs[1]!.stderr.includes('relative paths are taken from the current directory'), runs[1]!.stderr);
  assert.equal(existsSync(absent), false);
  assert.equal(existsSync('no-such-dir'), false);
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { covalence } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'covalence-completion-'));
const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

/** What the shell offers after `line` (the last word is the one being completed). */
function bashOffers(script: string, line: string): string[] {
  const words = line.split(' ');
  const program = `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _covalence; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

/** The same in zsh, with the completion system's functions replaced by ones that print what they are given. */
function zshOffers(script: string, line: string): string[] {
  const words = line.split(' ');
  const stubs = `compdef() { :; }; _describe() { print -l -- "\${(@P)\${@[-1]}}" }; compadd() { shift; print -l -- "$@" }; _files() { print -- '<files>' }`;
  const program = `${stubs}; source ${script}; words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _covalence`;
  const r = spawnSync('zsh', ['-fc', program], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).sort();
}

describe('covalence completion', () => {
  const scripts: Record<string, string> = {};
  before(async () => {
    for (const shell of ['bash', 'zsh']) {
      const r = await covalence(['completion', shell]);
      assert.equal(r.code, 0, r.stderr);
      scripts[shell] = join(dir, `covalence.${shell}`);
      writeFileSync(scripts[shell]!, r.stdout);
    }
  });

  it('bash: verbs by resource, their flags, and the values a flag allows', { skip: !has('bash') }, () => {
    const offers = (line: string) => bashOffers(scripts.bash!, line);
    const top = offers('covalence ');
    for (const verb of ['audit', 'completion', 'device', 'eem-sim', 'flavor', 'node', 'podmanager', 'serve', 'system']) assert.ok(top.includes(verb), verb);
    assert.deepEqual(offers('covalence node de'), ['delete', 'deregister', 'detach']);
    assert.deepEqual(offers('covalence node compose --d'), ['--description', '--dry-run']);
    assert.deepEqual(offers('covalence node compose web --type N'), ['NIC']);
    assert.deepEqual(offers('covalence device list -o '), ['json', 'table', 'yaml']);
    assert.deepEqual(offers('covalence completion '), ['bash', 'zsh']);
    assert.deepEqual(offers('covalence node list --podm-id '), [], 'nothing to guess for a uuid');
    assert.deepEqual(offers('covalence flavor list --client-config package.j'), ['package.json'], 'file names for a file');
  });

  it('zsh: the same, with descriptions', { skip: !has('zsh') }, () => {
    const offers = (line: string) => zshOffers(scripts.zsh!, line);
    assert.ok(offers('covalence ').includes('node:Composed nodes: a server and the pooled devices attached to it'));
    assert.ok(offers('covalence node ').includes('compose:Compose a node from pooled devices (all or nothing), or --count of them'));
    assert.ok(offers('covalence node compose --').some((o) => o.startsWith('--dry-run:')));
    assert.deepEqual(offers('covalence device list --state '), ['allocated', 'free', 'offline', 'removed']);
    assert.deepEqual(offers('covalence podmanager create --client-config '), ['<files>']);
    assert.deepEqual(offers('covalence node show --url '), []);
  });

  it('an unknown shell is a usage error', async () => {
    const r = await covalence(['completion', 'fish']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Allowed choices are bash, zsh/);
  });
});

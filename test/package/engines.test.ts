// `npm ci` on the Node the README names must be quiet about engines: every package the lock file
// installs accepts this Node. (cookie 2 asks for Node 22 for no API reason: package.json's
// `overrides` keeps light-my-request on cookie 1.1, which has the stringifySetCookie it calls.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

interface Locked {
  version?: string;
  engines?: { node?: string } | string[];
}

test('every package in package-lock.json accepts the Node that runs the tests (no EBADENGINE on npm ci)', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, Locked> };
  const refused = Object.entries(lock.packages)
    .filter(([, p]) => !Array.isArray(p.engines) && p.engines?.node && !semver.satisfies(process.version, p.engines.node))
    .map(([path, p]) => `${path}@${p.version} wants node ${(p.engines as { node: string }).node}`);
  assert.deepEqual(refused, [], `on ${process.version}`);
});

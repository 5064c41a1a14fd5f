// A fresh clone holds everything the docs point to: every relative link and every `*.md` they name
// is a file of the repository (nothing beside it, such as a shared/ folder of the authors').
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { DOC_FILES } from './markdown.js';

test('every relative link and every .md file named in README.md and docs/ is in the repository', () => {
  const broken = DOC_FILES.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:|^#/.test(l)).map((l) => join(dirname(file), l.split('#')[0]!));
    // a page named in code (`eem-api.md`) is read as a link too: beside the page, or from the top
    const named = [...text.matchAll(/`([\w./-]+\.md)`/g)].map((m) => m[1]!)
      .map((n) => [join(dirname(file), n), n].find((p) => existsSync(p)) ?? join(dirname(file), n));
    return [...links, ...named].filter((path) => relative('.', path).startsWith('..') || !existsSync(path)).map((path) => `${file}: ${path}`);
  });
  assert.deepEqual(broken, []);
});

// SQLite statements compiled once and kept by their SQL (store/sqlite-statements.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { keepingStatements } from '../../src/store/sqlite-statements.js';

describe('kept SQLite statements', () => {
  it('a query run again reuses its compiled statement; the least recently used go past the bound', () => {
    const sqlite = new SQLite(':memory:');
    const db = keepingStatements(sqlite);
    try {
      const first = db.prepare('select 1 as n');
      assert.equal(db.prepare('select 1 as n'), first);
      assert.deepEqual(first.all([]), [{ n: 1 }]);
      for (let i = 0; i < 32; i++) db.prepare(`select ${i + 2} as n`);
      assert.notEqual(db.prepare('select 1 as n'), first, 'dropped as the least recently used');
    } finally {
      db.close();
    }
  });
});

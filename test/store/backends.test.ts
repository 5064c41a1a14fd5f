import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDatabase, ConfigError } from '../../src/config.js';
import { openStore, StoreUnavailableError, StoreUrlError } from '../../src/store/database.js';
import { LATEST_MIGRATION } from '../../src/store/migrations/index.js';
import { createDatabase, postgresUrl } from '../../support/postgres.js';
import { freePort } from '../../support/process.js';
import { BACKENDS, openTestStore } from './support.js';

for (const backend of BACKENDS) {
  describe(`a ${backend} store`, () => {
    it('is migrated to the latest migration, and opening it again changes nothing', async () => {
      const t = await openTestStore(backend);
      try {
        assert.equal(await t.store.migrationLevel(), LATEST_MIGRATION);
        if (t.store.singleWriter) return; // one process: a second store on the same file is not how SQLite is used
        const again = await openStore(t.url);
        assert.equal(await again.migrationLevel(), LATEST_MIGRATION);
        await again.close();
      } finally {
        await t.close();
      }
    });

    it('tells core what it can do, not which database it is', async () => {
      const t = await openTestStore(backend);
      await t.close();
      assert.deepEqual({ singleWriter: t.store.singleWriter, rowLocks: t.store.rowLocks },
        backend === 'sqlite' ? { singleWriter: true, rowLocks: false } : { singleWriter: false, rowLocks: true });
    });
  });
}

describe('opening a store', () => {
  it('two replicas starting on a new PostgreSQL database at once migrate it once', async () => {
    const database = await createDatabase();
    try {
      const stores = await Promise.all([openStore(database.url), openStore(database.url), openStore(database.url)]);
      const runs = await stores[0]!.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      assert.equal(runs.length, new Set(runs.map((r) => JSON.stringify(r))).size, 'each migration ran once');
      for (const s of stores) await s.close();
    } finally {
      await database.drop();
    }
  });

  it('an unsupported URL is refused naming both forms, without its password', async () => {
    await assert.rejects(openStore('mysql://app:hunter2@db/app'), (err: Error) => {
      assert.ok(err instanceof StoreUrlError);
      assert.match(err.message, /expected sqlite:PATH or postgres:\/\/USER:PASSWORD@HOST:PORT\/DATABASE/);
      assert.doesNotMatch(err.message, /hunter2/);
      return true;
    });
  });

  it('serve refuses a URL it cannot open (without its password), a pool under 1 and a lease under a second', () => {
    const ok = { db: 'postgres://app:hunter2@db/app', dbPool: 10, lease: 120 };
    assert.doesNotThrow(() => checkDatabase(ok));
    assert.doesNotThrow(() => checkDatabase({ ...ok, db: 'sqlite:/tmp/c.sqlite' }));
    assert.throws(() => checkDatabase({ ...ok, db: 'mysql://app:hunter2@db/app' }), (err: Error) =>
      err instanceof ConfigError && /--db must be sqlite:PATH or postgres:/.test(err.message) && err.message.includes('mysql://app:***@db/app'));
    assert.throws(() => checkDatabase({ ...ok, dbPool: 0 }), /--db-pool must be at least 1/);
    assert.throws(() => checkDatabase({ ...ok, lease: 0 }), /--lease must be at least 1 second/);
  });

  it('a wrong PostgreSQL password is refused (scram), and the message does not repeat it', async () => {
    const url = new URL(await postgresUrl());
    url.password = 'not-the-password';
    await assert.rejects(openStore(url.href), (err: Error) => {
      assert.match(err.message, /password authentication failed/);
      assert.doesNotMatch(err.message, /not-the-password/);
      return true;
    });
  });

  it('a PostgreSQL nobody listens on is unavailable, at once', async () => {
    const started = Date.now();
    await assert.rejects(openStore(`postgres://u:p@127.0.0.1:${await freePort()}/x`), StoreUnavailableError);
    assert.ok(Date.now() - started < 3_000);
  });
});

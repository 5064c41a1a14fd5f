import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { storeFailure } from '../../src/core/errors.js';
import { StoreUnavailableError } from '../../src/store/database.js';
import { openTestStore, type TestStore } from './support.js';

// What a PostgreSQL restart or failover looks like from inside: the server ends every session.
describe('a PostgreSQL store whose connections the server ends', () => {
  let t: TestStore;
  before(async () => { t = await openTestStore('postgres'); });
  after(() => t.close());

  const endSessions = async () => {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
      .execute(t.store.db);
  };

  it('fails the statement under way as unavailable, which core answers as store_unavailable, then reconnects by itself', async () => {
    const slow = sql`select pg_sleep(5)`.execute(t.store.db).then(() => undefined, (e: unknown) => e);
    await sleep(200);
    await endSessions();
    const err = await slow;
    assert.ok(err instanceof StoreUnavailableError, String(err));
    assert.match(err.message, /the database is unavailable \(terminating connection due to administrator command\)/);
    const answer = storeFailure(err);
    assert.equal(answer?.kind, 'store_unavailable');
    assert.match(answer!.message, /try again shortly/);
    assert.deepEqual((await sql<{ one: number }>`select 1 as one`.execute(t.store.db)).rows, [{ one: 1 }]);
  });

  it('drops idle connections the server ended without ending the process, and the next query gets a new one', async () => {
    await Promise.all(Array.from({ length: 4 }, () => sql`select 1`.execute(t.store.db)));
    await endSessions();
    // The server's goodbye reaches each idle client as a socket event; a loaded machine takes a moment.
    await sleep(1_000);
    for (let i = 0; i < 4; i++) assert.equal((await sql<{ one: number }>`select 1 as one`.execute(t.store.db)).rows[0]!.one, 1);
  });

  it('anything else is not a store failure', () => {
    assert.equal(storeFailure(new Error('duplicate key')), undefined);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CoreError } from '../../src/core/errors.js';
import { canTransition, changeNodeState, NODE_TRANSITIONS } from '../../src/core/nodes/states.js';
import { NODE_STATES, type NodeState } from '../../src/shared/vocabulary.js';
import type { Db } from '../../src/store/database.js';
import { findNode, insertNodeIfServerFree } from '../../src/store/nodes.js';
import { nodeRow, openTestStore, seedPool, type TestStore } from '../store/support.js';

const isConflict = (err: unknown) => err instanceof CoreError && err.kind === 'conflict';

// Walks the whole table against a real store: every pair of states, allowed or not.
describe('the node state machine', () => {
  let t: TestStore;
  let podm: string;
  before(async () => {
    t = await openTestStore('sqlite');
    podm = await seedPool(t.store.db, 0, 0);
  });
  after(() => t.close());

  async function nodeIn(state: NodeState): Promise<string> {
    const row = { ...nodeRow(podm, randomUUID(), randomUUID()), state };
    assert.ok(await insertNodeIfServerFree(t.store.db, row));
    return row.uuid;
  }
  const stateOf = async (uuid: string) => (await findNode(t.store.db, uuid))?.state;

  it('has a row for every node state', () => {
    assert.deepEqual(Object.keys(NODE_TRANSITIONS).sort(), [...NODE_STATES].sort());
  });

  for (const from of NODE_STATES) {
    for (const to of NODE_STATES) {
      if (canTransition(from, to)) {
        it(`moves a ${from} node to ${to}`, async () => {
          const uuid = await nodeIn(from);
          await t.store.transaction((tx) => changeNodeState(tx, uuid, from, to as never, { updated_at: new Date().toISOString() }));
          assert.equal(await stateOf(uuid), to);
        });
      } else {
        it(`refuses to move a ${from} node to ${to}, and leaves it ${from}`, async () => {
          const uuid = await nodeIn(from);
          await assert.rejects(t.store.transaction((tx) => changeNodeState(tx, uuid, from, to as never, {})), isConflict);
          assert.equal(await stateOf(uuid), from);
        });
      }
    }
  }

  it('refuses an allowed transition when the node is no longer in the state it starts from', async () => {
    const uuid = await nodeIn('composed');
    await assert.rejects(t.store.transaction((tx) => changeNodeState(tx, uuid, 'composing', 'composed', {})), isConflict);
    assert.equal(await stateOf(uuid), 'composed');
  });

  it('refuses a transition the table does not have at compile time', () => {
    // Never called: the compiler is the test.
    const wrong = (db: Db) =>
      // @ts-expect-error a composing node cannot become decomposing
      changeNodeState(db, 'n', 'composing', 'decomposing', {});
    assert.equal(typeof wrong, 'function');
  });
});

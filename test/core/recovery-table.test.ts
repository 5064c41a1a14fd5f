import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecoveryTable } from '../../src/core/nodes/recovery.js';
import type { NodeVerb } from '../../src/core/nodes/verb.js';
import { OPERATION_KINDS } from '../../src/shared/vocabulary.js';

describe('the recovery table', () => {
  const verb: NodeVerb = { recover: async () => undefined };

  it('names a verb for every operation kind, or does not compile', () => {
    const complete: RecoveryTable = Object.fromEntries(OPERATION_KINDS.map((k) => [k, verb])) as RecoveryTable;
    // @ts-expect-error deregister has no verb
    const partial: RecoveryTable = { compose: verb, attach: verb, detach: verb, decompose: verb, register: verb };
    assert.deepEqual(Object.keys(complete), [...OPERATION_KINDS]);
    assert.equal(Object.keys(partial).length, OPERATION_KINDS.length - 1);
  });
});

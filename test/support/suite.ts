import { after, before } from 'node:test';
import { startStack, type Stack, type StackOptions } from '../../support/stack.js';

/** What a suite's tests work on: a stack, and its simulator registered as pod manager. */
export interface Suite {
  readonly s: Stack;
  readonly podm: string;
}

/** Starts a stack and registers its simulator before the calling suite's tests; closes it after them. */
export function suiteWithPodManager(opts: StackOptions = {}): Suite {
  const suite = {} as { s: Stack; podm: string };
  before(async () => {
    suite.s = await startStack(opts);
    suite.podm = await suite.s.addPodManager();
  });
  after(() => suite.s.close());
  return suite;
}

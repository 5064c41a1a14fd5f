import type { PodManagerRow } from '../../store/schema.js';
import type { Operation } from './journal.js';

/**
 * A journalled node verb. Each has one shape, in its own file: (1) reserve: in one transaction,
 * check the rules, hold the node and devices and journal the intent (reservation.ts); (2) drive the
 * fabric or the provisioner; (3) commit the result in one transaction; on a failure, undo or settle
 * as that file says. `recover` finishes or undoes an operation of its kind that a process left in
 * the journal when it died, or whose undo failed (recovery.ts calls it).
 */
export interface NodeVerb {
  recover(op: Operation, podm: PodManagerRow): Promise<void>;
}

import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import type { Sync } from '../pool/sync.js';
import type { Journal, Operation } from './journal.js';
import type { Registrations } from './registrations.js';

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

/** A verb that moves a composed node's devices (attach, detach, decompose), with what it works with. */
export abstract class DeviceVerb implements NodeVerb {
  constructor(
    protected readonly ctx: CoreContext,
    protected readonly journal: Journal,
    /** After a failure, a background sync brings the store back to what the fabric says. */
    protected readonly sync: Sync,
    /** Ironic's side of the node: kept current after a change, released before a decompose. */
    protected readonly registrations: Registrations,
  ) {}

  abstract recover(op: Operation, podm: PodManagerRow): Promise<void>;
}

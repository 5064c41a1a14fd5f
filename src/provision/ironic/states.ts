import type { RegisterTarget } from '../provisioner.js';

/**
 * The parts of Ironic's provision state machine covalence drives (ironic/common/states.py,
 * ironic/common/state_machine.py of Ironic 21.4).
 */

/** Ironic's own DELETE_ALLOWED_STATES: any other state answers 409 to a delete. */
export const DELETABLE_STATES = ['enroll', 'manageable', 'available', 'adopt failed'] as const;

export function isDeletable(state: string): boolean {
  return (DELETABLE_STATES as readonly string[]).includes(state);
}

/** Provision verbs register uses, and the state each one ends in. */
export const VERB_RESULTS = { manage: 'manageable', provide: 'available' } as const;
export type ProvisionVerb = keyof typeof VERB_RESULTS;

/** From `enroll`, the verbs that reach each register target, in order. */
export const VERBS_TO = {
  manageable: ['manage'],
  available: ['manage', 'provide'],
} as const satisfies Record<RegisterTarget, readonly ProvisionVerb[]>;

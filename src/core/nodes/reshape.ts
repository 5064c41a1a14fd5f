import { CoreError } from '../errors.js';

/** Devices to take from a node and devices to give it, as one change. */
export interface Reshape {
  readonly detach: readonly string[];
  readonly attach: readonly string[];
}

type Step = { detach: { resource_id: string } } | { attach: { resource_id: string } };

/**
 * Carries out a reshape as one change (Redfish's PATCH of a system's Links.ResourceBlocks): detaches
 * first, then attaches (DSP0266's order), each a journalled verb of its own. When a step fails, the
 * steps done are reversed, newest first, and the step's error is thrown: the node ends with the
 * devices it had. A reversal can fail only if the fabric or another caller moved a device meanwhile
 * (a detached device attached elsewhere); the error then names it, and the node keeps what it has.
 */
export async function reshape(change: Reshape, act: (step: Step) => Promise<void>): Promise<void> {
  const steps: Step[] = [
    ...change.detach.map((resource_id) => ({ detach: { resource_id } })),
    ...change.attach.map((resource_id) => ({ attach: { resource_id } })),
  ];
  const done: Step[] = [];
  for (const step of steps) {
    try {
      await act(step);
      done.push(step);
    } catch (err) {
      const unrestored: string[] = [];
      for (const undo of done.reverse()) {
        const back: Step = 'detach' in undo ? { attach: undo.detach } : { detach: undo.attach };
        await act(back).catch((undoErr: unknown) => unrestored.push(`${'attach' in back ? 'attaching back' : 'detaching'} ${'attach' in back ? back.attach.resource_id : back.detach.resource_id} failed: ${(undoErr as Error).message}`));
      }
      if (unrestored.length === 0 || !(err instanceof CoreError)) throw err;
      throw new CoreError(err.kind, `${err.message} The steps done before it were reversed, except: ${unrestored.join('; ')}`, err.code, err.upstreamStatus);
    }
  }
}

import type { NodeState } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import { updateNodeInState } from '../../store/nodes.js';
import type { NodePatch } from '../../store/schema.js';
import { CoreError } from '../errors.js';
import { record } from '../events/recorder.js';

/**
 * The node state machine (the states themselves are `NODE_STATES` in shared/vocabulary.ts). A node
 * is created `composing` (compose) or `composed` (manage), and is deleted when its compose is undone
 * or its decompose finishes; in between it moves only along this table. A new state is one row
 * here, and the compiler asks for it.
 */
export const NODE_TRANSITIONS = {
  composing: ['composed'], // compose committed
  composed: ['decomposing', 'degraded', 'lost'], // decompose began; sync saw a device or the server drift
  degraded: ['composed', 'lost', 'decomposing'], // sync saw it healed, or the server go; decompose began
  lost: ['composed', 'degraded', 'decomposing'], // sync saw the server back; decompose (the way out) began
  decomposing: ['composed'], // decompose stopped part-way: the node keeps what the fabric still shows
} as const satisfies Record<NodeState, readonly NodeState[]>;

/** The states a node in state `F` may move to. */
export type NextState<F extends NodeState> = (typeof NODE_TRANSITIONS)[F][number];

/**
 * States in which a node is at rest, so an operation (attach, detach, register, decompose) may take
 * it; a `lost` node takes only decompose (`assertHasServer`).
 */
export const AT_REST = ['composed', 'degraded', 'lost'] as const satisfies readonly NodeState[];

/** Attach and detach need the node's server on the fabric: a `lost` node can only be decomposed. */
export function assertHasServer(node: { uuid: string; state: NodeState; stateReason: string | null }): void {
  if (node.state === 'lost') {
    throw new CoreError('conflict', `Node ${node.uuid} is lost (${node.stateReason ?? 'its server left the fabric'}); it can only be decomposed (DELETE).`);
  }
}

export function isAtRest(state: NodeState): boolean {
  return (AT_REST as readonly NodeState[]).includes(state);
}

export function canTransition(from: NodeState, to: NodeState): boolean {
  return (NODE_TRANSITIONS[from] as readonly NodeState[]).includes(to);
}

/** What else a state change writes in the same update (the hold, the group, the time). */
export type StatePatch = Omit<NodePatch, 'state'>;

/**
 * The one way a node changes state: refused unless the table allows `from` → `to`, and written only
 * while the node is still `from`, so a store that moved on meanwhile refuses it too.
 */
export async function changeNodeState<F extends NodeState>(db: Db, nodeUuid: string, from: F, to: NextState<F>, patch: StatePatch): Promise<void> {
  if (!canTransition(from, to)) throw new CoreError('conflict', `Node ${nodeUuid} cannot go from ${from} to ${to}.`);
  if (!(await updateNodeInState(db, nodeUuid, from, { ...patch, state: to }))) {
    throw new CoreError('conflict', `Node ${nodeUuid} is no longer ${from}, so it cannot become ${to}.`);
  }
  const { state_reason: reason = null, group_id: group } = patch;
  const kind = from === 'composing' ? 'node.composed' : 'node.state_changed';
  await record(db, { kind, target: nodeUuid, nodeId: nodeUuid, before: { state: from }, after: { state: to, reason, ...(group !== undefined && { group_id: group }) } });
}

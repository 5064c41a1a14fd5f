import type { EventKind } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { factsOfNode, queueEvent } from '../../store/events.js';
import type { Db } from '../../store/database.js';
import { currentCaller, currentRequest } from '../../telemetry/request-context.js';

/** What a write path says about its change; the recorder adds the sequence, time, request and caller. */
export interface Change {
  kind: EventKind;
  /** The uuid (or fabric id) of what changed. */
  target: string;
  /** The pod manager; found from the node when not given. */
  podmId?: string | null;
  /** The composed node concerned; its project decides who may read the event. */
  nodeId?: string | null;
  /** The node's project, where the node row is already gone (decompose) or not yet read. */
  projectId?: string | null;
  before?: object | null;
  after?: object | null;
}

/**
 * Records one event in the caller's transaction, so the event exists exactly when the change does;
 * it is numbered when the transaction commits. Every write path calls this once per change, inside
 * the transaction that makes it.
 */
export async function record(tx: Db, change: Change): Promise<void> {
  return recordAll(tx, [change]);
}

/**
 * Records changes as events in the caller's transaction, in their order (a sync that finds 10,000
 * new devices tells of each); a node named by several is read once.
 */
export async function recordAll(tx: Db, changes: readonly Change[]): Promise<void> {
  const nodes = new Map<string, Awaited<ReturnType<typeof factsOfNode>>>();
  const at = nowIso();
  const requestId = currentRequest().reqId ?? null;
  const caller = currentCaller() ?? null;
  for (const change of changes) {
    const nodeId = change.nodeId ?? null;
    const known = nodeId === null || (change.projectId !== undefined && change.podmId !== undefined);
    if (!known && !nodes.has(nodeId)) nodes.set(nodeId, await factsOfNode(tx, nodeId));
    const node = known ? undefined : nodes.get(nodeId);
    queueEvent(tx, {
      at, kind: change.kind, target: change.target, node_id: nodeId,
      podm_id: change.podmId !== undefined ? change.podmId : node?.podm_id ?? null,
      project_id: change.projectId !== undefined ? change.projectId : node?.project_id ?? null,
      before: change.before ? JSON.stringify(change.before) : null, after: change.after ? JSON.stringify(change.after) : null,
      request_id: requestId, caller,
    });
  }
}

/** The fields of `after` that differ from `before`, each side with its own values: an event's before/after. */
export function diff<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) => k !== 'updated_at' && after[k] !== before[k]);
  if (keys.length === 0) return null;
  return { before: pick(before, keys), after: pick(after as T, keys) };
}

function pick<T extends object>(from: T, keys: readonly (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Partial<T>;
}

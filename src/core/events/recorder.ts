import type { EventKind } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import { factsOfNode, insertEvents, takeSequences } from '../../store/events.js';
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

type Written = (seq: number) => void;
const listeners = new Set<Written>();

/** Hubs in this process hear of each event as soon as it is written, to read it once committed. */
export function onEventWritten(listener: Written): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Records one event in the caller's transaction, so the event exists exactly when the change does.
 * Every write path calls this once per change, inside the transaction that makes it.
 */
export async function record(tx: Db, change: Change): Promise<number> {
  return recordAll(tx, [change]);
}

/**
 * Records changes as events, numbered in their order, in the caller's transaction: a statement
 * per batch, not two per event (a sync that finds 10,000 new devices tells of each). Returns the
 * first sequence number.
 */
export async function recordAll(tx: Db, changes: readonly Change[]): Promise<number> {
  const nodes = new Map<string, Awaited<ReturnType<typeof factsOfNode>>>();
  const scoped: Array<{ change: Change; nodeId: string | null; podmId: string | null; projectId: string | null }> = [];
  for (const change of changes) {
    const nodeId = change.nodeId ?? null;
    const known = nodeId === null || (change.projectId !== undefined && change.podmId !== undefined);
    if (!known && !nodes.has(nodeId)) nodes.set(nodeId, await factsOfNode(tx, nodeId));
    const node = known ? undefined : nodes.get(nodeId);
    scoped.push({
      change, nodeId,
      projectId: change.projectId !== undefined ? change.projectId : node?.project_id ?? null,
      podmId: change.podmId !== undefined ? change.podmId : node?.podm_id ?? null,
    });
  }
  const first = await takeSequences(tx, changes.length);
  const at = nowIso();
  const requestId = currentRequest().reqId ?? null;
  const caller = currentCaller() ?? null;
  await insertEvents(tx, scoped.map(({ change, nodeId, podmId, projectId }, i) => ({
    seq: first + i, at, kind: change.kind, target: change.target, podm_id: podmId, node_id: nodeId, project_id: projectId,
    before: change.before ? JSON.stringify(change.before) : null, after: change.after ? JSON.stringify(change.after) : null,
    request_id: requestId, caller,
  })));
  for (let seq = first; seq < first + changes.length; seq++) for (const listener of listeners) listener(seq);
  return first;
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

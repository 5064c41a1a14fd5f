import type { EventKind } from '../../shared/vocabulary.js';
import type { EventFilter, EventRow } from '../../store/events.js';
import { projectScope, type Caller } from '../access/caller.js';

/** An event as core hands it out. */
export interface Event {
  readonly seq: number;
  readonly at: string;
  readonly kind: EventKind;
  readonly target: string;
  readonly podmId: string | null;
  readonly nodeId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly requestId: string | null;
  readonly caller: string | null;
}

/** What a reader asks for (kinds, pod manager, node); who it is adds the project scope. */
export type EventQuery = Omit<EventFilter, 'project'>;

export function toEvent(row: EventRow): Event {
  return {
    seq: row.seq, at: row.at, kind: row.kind, target: row.target, podmId: row.podm_id, nodeId: row.node_id,
    before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after),
    requestId: row.request_id, caller: row.caller,
  };
}

/** The store filter for this caller: a project's members see its nodes' events and the pool's. */
export function scoped(query: EventQuery, caller: Caller): EventFilter {
  const project = projectScope(caller);
  return { ...query, ...(project !== undefined && { project }) };
}

/** The same filter, applied in memory to events read for every listener. */
export function matches(row: EventRow, filter: EventFilter): boolean {
  return (filter.kinds === undefined || filter.kinds.length === 0 || filter.kinds.includes(row.kind))
    && (filter.podmId === undefined || row.podm_id === filter.podmId)
    && (filter.nodeId === undefined || row.node_id === filter.nodeId)
    && (filter.project === undefined || row.project_id === null || row.project_id === filter.project);
}

/**
 * Said in place of events the retention window purged: a reader resuming from `since` learns that
 * everything up to `seq` is gone, and continues after it.
 */
export function truncated(since: number, purgedThrough: number): Event {
  return {
    seq: purgedThrough, at: new Date().toISOString(), kind: 'events.truncated', target: 'events', podmId: null, nodeId: null,
    before: { since }, after: { oldest_available: purgedThrough + 1 }, requestId: null, caller: null,
  };
}

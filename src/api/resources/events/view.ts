import type { Static } from '@sinclair/typebox';
import type { Event, EventQuery } from '../../../core/index.js';
import type { EventKind } from '../../../shared/vocabulary.js';
import type { EventFilters, EventView } from './schemas.js';

export function eventView(e: Event): Static<typeof EventView> {
  return {
    seq: e.seq, time: e.at, kind: e.kind, target: e.target, podm_id: e.podmId, node_id: e.nodeId,
    before: e.before, after: e.after, request_id: e.requestId, caller: e.caller,
  };
}

type Filters = { [K in keyof typeof EventFilters]?: string };

/** The wire's filters (kinds comma-separated) as core's query. */
export function eventQuery(q: Filters): EventQuery {
  return {
    ...(q.kind !== undefined && { kinds: q.kind.split(',') as EventKind[] }),
    ...(q.podm_id !== undefined && { podmId: q.podm_id }),
    ...(q.node_id !== undefined && { nodeId: q.node_id }),
  };
}

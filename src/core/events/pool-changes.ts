import type { PodManagerStatus } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import type { PodManagerRow } from '../../store/schema.js';
import { record } from './recorder.js';

/** A pod manager that went down (Offline, AuthError) or came back (Online); nothing when its status stays. */
export async function recordStatus(tx: Db, podm: PodManagerRow, status: PodManagerStatus, detail: string | null): Promise<void> {
  if (podm.status === status) return;
  await record(tx, {
    kind: 'pod_manager.status_changed', target: podm.uuid, podmId: podm.uuid,
    before: { status: podm.status, status_detail: podm.status_detail }, after: { status, status_detail: detail },
  });
}

/** A sync's summary, when it found the fabric changed: each device's own event precedes it. */
export async function recordDrift(tx: Db, podmId: string, counts: { added: number; updated: number; offline: number; removed: number; deferred: number }): Promise<void> {
  if (counts.added + counts.updated + counts.offline + counts.removed === 0) return;
  await record(tx, { kind: 'sync.drift', target: podmId, podmId, after: counts });
}

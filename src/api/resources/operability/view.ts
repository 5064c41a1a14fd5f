import type { Readiness } from '../../../core/index.js';

/** `/readyz`, for supervisors: covalence's own answer, not Valence's, so it has no response schema. */
export function readinessView(r: Readiness) {
  return {
    status: r.ready ? 'ready' : 'not ready',
    store: r.store,
    migrations: r.migrations,
    pod_managers: r.podManagers.map((p) => ({
      uuid: p.uuid, name: p.name, status: p.status, detail: p.detail, last_sync_at: p.lastSyncAt,
      suspect_listing: p.suspectListing && { since: p.suspectListing.since, reason: p.suspectListing.reason },
    })),
  };
}

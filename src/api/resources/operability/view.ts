import type { Readiness } from '../../../core/index.js';

/**
 * `/readyz`, for supervisors: covalence's own answer, not Valence's, so it has no response schema
 * and its times are ISO 8601 (as the audit trail's and token list's), not Valence's text.
 */
export function readinessView(r: Readiness) {
  return {
    status: r.ready ? 'ready' : 'not ready',
    store: r.store,
    migrations: r.migrations,
    pci_ids: r.pciIds,
    pod_managers: r.podManagers.map((p) => ({
      uuid: p.uuid, name: p.name, status: p.status, detail: p.detail, last_sync_at: p.lastSyncAt, last_probe_at: p.lastProbeAt,
      suspect_listing: p.suspectListing && { since: p.suspectListing.since, reason: p.suspectListing.reason },
    })),
  };
}

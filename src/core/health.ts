import { sql } from 'kysely';
import { LATEST_MIGRATION } from '../store/migrations/index.js';
import { listPodManagers } from '../store/pod-managers.js';
import type { PodManagerRow } from '../store/schema.js';
import type { PodManagerStatus } from '../shared/vocabulary.js';
import type { CoreContext } from './context.js';
import type { ProbeResult, Probes } from './pool/probes.js';
import { readSuspicion, type SuspectListing } from './pool/listing-trust.js';

export interface Readiness {
  ready: boolean;
  store: { ok: boolean; detail?: string };
  migrations: { ok: boolean; applied: string | null; latest: string };
  /** Where device names come from; without a database they are null (said, not silently). */
  pciIds: { ok: boolean; path: string | null; looked: readonly string[] };
  podManagers: Array<{
    uuid: string; name: string;
    /** Status and detail: the newer word of the last check and of the stored status (a sync's or a create's). */
    status: PodManagerStatus; detail: string | null; lastSyncAt: string | null; lastProbeAt: string | null;
    /** Its last listing, not applied until a second one agrees. */
    suspectListing: SuspectListing | null;
  }>;
}

/**
 * Ready means the store answers with every migration applied. Pod managers are reported, not
 * required: covalence still serves the others (and its reads) while one EEM is down; nor is the PCI
 * ID database, whose absence only leaves device names empty.
 */
export async function readiness(ctx: CoreContext, probes: Probes): Promise<Readiness> {
  const latest = LATEST_MIGRATION;
  const { pciIds } = ctx.drivers;
  const path = pciIds.source();
  const pci = { ok: path !== null, path, looked: pciIds.paths };
  try {
    await sql`select 1`.execute(ctx.store.db);
    const applied = (await ctx.store.migrationLevel()) ?? null;
    const podms = await listPodManagers(ctx.store.db);
    return {
      ready: applied === latest,
      store: { ok: true },
      migrations: { ok: applied === latest, applied, latest },
      pciIds: pci,
      podManagers: podms.map((p) => {
        const check = probes.result(p.uuid);
        const heard = check && newerWord(check, p) ? check : undefined;
        return {
          uuid: p.uuid, name: p.name, status: heard?.status ?? p.status, detail: heard ? heard.detail : p.status_detail,
          lastSyncAt: p.last_sync_at, lastProbeAt: check?.at ?? null, suspectListing: readSuspicion(p.suspect_listing),
        };
      }),
    };
  } catch (err) {
    return {
      ready: false,
      store: { ok: false, detail: err instanceof Error ? err.message : String(err) },
      migrations: { ok: false, applied: null, latest },
      pciIds: pci,
      podManagers: [],
    };
  }
}

/**
 * Whether a check says more than the stored status: it must be newer, and an answering EEM
 * clears only what a check can see (Offline, AuthError), never a sync's Conflict.
 */
function newerWord(check: ProbeResult, p: PodManagerRow): boolean {
  const storedAt = p.last_sync_at !== null && p.last_sync_at > p.updated_at ? p.last_sync_at : p.updated_at;
  if (check.at <= storedAt) return false;
  return check.status !== 'Online' || p.status === 'Offline' || p.status === 'AuthError';
}

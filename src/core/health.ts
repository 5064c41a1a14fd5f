import { sql } from 'kysely';
import { LATEST_MIGRATION } from '../store/migrations/index.js';
import { listPodManagers } from '../store/pod-managers.js';
import type { PodManagerStatus } from '../shared/vocabulary.js';
import type { CoreContext } from './context.js';
import { readSuspicion, type SuspectListing } from './pool/listing-trust.js';

export interface Readiness {
  ready: boolean;
  store: { ok: boolean; detail?: string };
  migrations: { ok: boolean; applied: string | null; latest: string };
  podManagers: Array<{
    uuid: string; name: string; status: PodManagerStatus; detail: string | null; lastSyncAt: string | null;
    /** Its last listing, not applied until a second one agrees. */
    suspectListing: SuspectListing | null;
  }>;
}

/**
 * Ready means the store answers with every migration applied. Pod managers are reported, not
 * required: covalence still serves the others (and its reads) while one EEM is down.
 */
export async function readiness(ctx: CoreContext): Promise<Readiness> {
  const latest = LATEST_MIGRATION;
  try {
    await sql`select 1`.execute(ctx.store.db);
    const applied = (await ctx.store.migrationLevel()) ?? null;
    const podms = await listPodManagers(ctx.store.db);
    return {
      ready: applied === latest,
      store: { ok: true },
      migrations: { ok: applied === latest, applied, latest },
      podManagers: podms.map((p) => ({
        uuid: p.uuid, name: p.name, status: p.status, detail: p.status_detail, lastSyncAt: p.last_sync_at, suspectListing: readSuspicion(p.suspect_listing),
      })),
    };
  } catch (err) {
    return {
      ready: false,
      store: { ok: false, detail: err instanceof Error ? err.message : String(err) },
      migrations: { ok: false, applied: null, latest },
      podManagers: [],
    };
  }
}

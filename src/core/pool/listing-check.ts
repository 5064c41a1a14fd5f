import type { FabricInventory } from '../../drivers/index.js';
import { updatePodManager } from '../../store/pod-managers.js';
import type { DeviceRow, PodManagerRow, ServerRow } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import { recordStatus } from '../events/pool-changes.js';
import { record } from '../events/recorder.js';
import { coveredElsewhere } from './eem-identity.js';
import { judgeListing, readSuspicion, type ListingTrustSettings } from './listing-trust.js';

/** Whether sync may converge the store to a listing, or what it reports instead. */
export type ListingVerdict =
  | { readonly apply: true }
  /** The listing's boards are another pod manager's: the pod manager's status says so. */
  | { readonly apply: false; readonly status: 'FAILED'; readonly detail: string }
  /** Too implausible to apply yet: a listing read at `confirmAt` (ms) or later may confirm it. */
  | { readonly apply: false; readonly status: 'SUSPECT'; readonly detail: string; readonly confirmAt: number };

/**
 * The gate between reading the fabric and converging the store to it, inside sync's transaction:
 * a listing is applied only when it is this pod manager's EEM's, and plausible or confirmed. What a
 * refused listing leaves (status, suspicion) is written to the pod manager's row here; nothing else
 * changes. Sync clears a suspicion when it applies a listing.
 */
export async function checkListing(
  tx: Db, settings: ListingTrustSettings, podm: PodManagerRow,
  known: { servers: readonly ServerRow[]; devices: ReadonlyArray<Pick<DeviceRow, 'eem_id' | 'removed_at'>> }, listing: FabricInventory, at: string,
): Promise<ListingVerdict> {
  const covered = new Set<string>();
  const present = new Set<string>();
  let servers = 0;
  for (const s of known.servers) {
    covered.add(s.eem_id);
    if (s.removed_at === null) servers++;
  }
  for (const d of known.devices) {
    covered.add(d.eem_id);
    if (d.removed_at === null) present.add(d.eem_id);
  }
  const conflict = await coveredElsewhere(tx, podm.url, listing, podm.uuid, covered);
  if (conflict !== null) {
    await updatePodManager(tx, podm.uuid, { status: 'Conflict', status_detail: conflict, updated_at: at });
    await recordStatus(tx, podm, 'Conflict', conflict);
    return { apply: false, status: 'FAILED', detail: conflict };
  }
  const trust = judgeListing({ servers, devices: present }, listing, readSuspicion(podm.suspect_listing), settings, Date.parse(at));
  if (trust.kind !== 'suspect') return { apply: true };
  const wait = Math.ceil(settings.listingConfirmMs / 1000);
  const detail = `pod manager ${podm.name} (${podm.url}): listing not applied: ${trust.suspicion.reason}; `
    + `it is applied when a listing read ${wait} s after the first (${trust.suspicion.since}) lists the same boards.`;
  await updatePodManager(tx, podm.uuid, { status: 'Online', status_detail: detail, suspect_listing: JSON.stringify(trust.suspicion), updated_at: at });
  if (podm.suspect_listing === null) await record(tx, { kind: 'sync.suspect', target: podm.uuid, podmId: podm.uuid, after: { detail } });
  return { apply: false, status: 'SUSPECT', detail, confirmAt: trust.confirmAt };
}

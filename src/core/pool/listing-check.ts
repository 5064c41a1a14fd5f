import type { FabricInventory } from '../../drivers/index.js';
import { updatePodManager } from '../../store/pod-managers.js';
import type { DeviceRow, PodManagerRow } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import { coveredElsewhere } from './eem-identity.js';

/** Whether sync may converge the store to a listing, or what it reports instead. */
export type ListingVerdict =
  | { readonly apply: true }
  /** The listing's boards are another pod manager's: the pod manager's status says so. */
  | { readonly apply: false; readonly status: 'FAILED'; readonly detail: string };

/**
 * The gate between reading the fabric and converging the store to it, inside sync's transaction:
 * a listing is applied only when it is this pod manager's EEM's. What a refused listing leaves is
 * written to the pod manager's row here; nothing else changes.
 */
export async function checkListing(
  tx: Db, podm: PodManagerRow, _known: readonly DeviceRow[], listing: FabricInventory, at: string,
): Promise<ListingVerdict> {
  const conflict = await coveredElsewhere(tx, podm.url, listing, podm.uuid);
  if (conflict !== null) {
    await updatePodManager(tx, podm.uuid, { status: 'Conflict', status_detail: conflict, updated_at: at });
    return { apply: false, status: 'FAILED', detail: conflict };
  }
  return { apply: true };
}

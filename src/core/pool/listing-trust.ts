import { createHash } from 'node:crypto';
import type { FabricInventory } from '../../drivers/index.js';

/**
 * An EEM that was reset, or that answers half a listing, must not empty the pool: one such listing
 * taken as truth took every allocated device from its node until the next good sync (issue 14,
 * case 6). A listing that drops every server, or more than a share of the known devices, is applied
 * only when a second listing, read at least a delay later, lists the same boards.
 */

/** How much a listing may drop before it needs confirming, and how long that takes. */
export interface ListingTrustSettings {
  /** Share (0..1) of the known devices a listing may drop and still be applied at once. */
  readonly listingDropShare: number;
  /** How long after a distrusted listing a second one that agrees confirms it. */
  readonly listingConfirmMs: number;
}

/** A listing not applied yet, kept in the pod manager's row so that any replica can confirm it. */
export interface SuspectListing {
  /** When it was first read (ISO 8601). */
  readonly since: string;
  /** The boards it listed, hashed: a later listing agrees when it lists the same boards. */
  readonly boards: string;
  /** Why it is distrusted, for the operator. */
  readonly reason: string;
}

export type ListingTrust =
  | { readonly kind: 'plausible' }
  /** Implausible, but a listing read at least the delay earlier listed the same boards. */
  | { readonly kind: 'confirmed' }
  | { readonly kind: 'suspect'; readonly suspicion: SuspectListing; readonly confirmAt: number };

/** What covalence knew of the pod manager before this listing. */
export interface KnownPool {
  readonly servers: number;
  /** Fabric ids of the devices not already marked removed. */
  readonly devices: ReadonlySet<string>;
}

export function judgeListing(
  known: KnownPool, listing: FabricInventory, previous: SuspectListing | null, settings: ListingTrustSettings, now: number,
): ListingTrust {
  const reason = implausibility(known, listing, settings.listingDropShare);
  if (reason === null) return { kind: 'plausible' };
  const boards = digest(listing);
  if (previous?.boards === boards) {
    const confirmAt = Date.parse(previous.since) + settings.listingConfirmMs;
    return now >= confirmAt ? { kind: 'confirmed' } : { kind: 'suspect', suspicion: previous, confirmAt };
  }
  return { kind: 'suspect', suspicion: { since: new Date(now).toISOString(), boards, reason }, confirmAt: now + settings.listingConfirmMs };
}

/** The suspicion stored in a pod manager's row; one that cannot be read is none (the next listing starts over). */
export function readSuspicion(stored: string | null): SuspectListing | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as Partial<SuspectListing>;
    const fields = [value.since, value.boards, value.reason];
    return fields.every((f) => typeof f === 'string') ? (value as SuspectListing) : null;
  } catch {
    return null;
  }
}

function implausibility(known: KnownPool, listing: FabricInventory, dropShare: number): string | null {
  if (known.servers > 0 && listing.servers.length === 0) return `it lists no server where ${known.servers} were known`;
  if (known.devices.size === 0) return null;
  const listed = new Set<string>();
  for (const d of listing.devices) listed.add(d.id);
  let dropped = 0;
  for (const id of known.devices) if (!listed.has(id)) dropped++;
  if (dropped / known.devices.size <= dropShare) return null;
  return `it drops ${dropped} of the ${known.devices.size} known devices (more than ${Math.round(dropShare * 100)}%)`;
}

function digest(listing: FabricInventory): string {
  const ids = [...listing.servers.map((s) => `s:${s.id}`), ...listing.devices.map((d) => `d:${d.id}`)].sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex');
}

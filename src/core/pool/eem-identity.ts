import type { FabricInventory } from '../../drivers/index.js';
import { lockBoardClaims, podManagerCoveringBoards } from '../../store/pod-managers.js';
import type { Db } from '../../store/store.js';
import { CoreError } from '../errors.js';

/**
 * One EEM is one pod manager, known by its boards, not by its URL (ARCHITECTURE rule 7): the same
 * EEM reached as `localhost` and as `127.0.0.1`, or with a trailing slash, lists the same boards,
 * and two pod managers covering them would offer every device, and every server, twice.
 */

/** The ids of every board a listing reports, servers and devices alike. */
export function boardsOf(listing: FabricInventory): string[] {
  return [...listing.servers.map((s) => s.id), ...listing.devices.map((d) => d.id)];
}

/**
 * The sentence naming the pod manager that already covers a board of this listing, or null when
 * none does. `self` is the pod manager the listing was read for (none yet at create); the boards
 * it already covers (`known`) were checked when they came, so only new ones are looked up.
 */
export async function coveredElsewhere(
  db: Db, url: string, listing: FabricInventory, self?: string, known: ReadonlySet<string> = new Set(),
): Promise<string | null> {
  const fresh: string[] = [];
  for (const board of [listing.servers, listing.devices]) for (const { id } of board) if (!known.has(id)) fresh.push(id);
  if (fresh.length === 0) return null;
  await lockBoardClaims(db);
  const other = await podManagerCoveringBoards(db, fresh, self);
  if (!other) return null;
  return `The EEM at ${url} reports boards that pod manager ${other.name} (${other.uuid}, ${other.url}) already covers: one EEM is one pod manager.`;
}

/** Refuses a listing whose boards another pod manager covers, naming it. */
export async function refuseCoveredElsewhere(db: Db, url: string, listing: FabricInventory, self?: string): Promise<void> {
  const clash = await coveredElsewhere(db, url, listing, self);
  if (clash !== null) throw new CoreError('conflict', clash);
}

/**
 * A new address shows the same EEM when its listing has a board in common with what the pod manager
 * knows (boards come and go, so not all of them); a pod manager that knows no board yet takes any.
 */
export function refuseAnotherEem(podm: { name: string; uuid: string }, url: string, known: ReadonlySet<string>, listing: FabricInventory): void {
  if (known.size === 0 || boardsOf(listing).some((id) => known.has(id))) return;
  throw new CoreError('conflict', `The EEM at ${url} is not the one of pod manager ${podm.name} (${podm.uuid}): it reports none of its ${known.size} boards.`);
}

import type { FabricDevice, FabricInventory, FabricServer } from '../../drivers/index.js';
import type { Db } from '../../store/database.js';
import { ownedDevices } from '../../store/devices.js';
import { listNodes, updateNodeInState } from '../../store/nodes.js';
import type { DeviceRow, NodeRow } from '../../store/schema.js';
import { CoreError } from '../errors.js';
import { changeNodeState } from '../nodes/states.js';

/** The states sync moves a node between, as the fabric shows it; the others belong to operations. */
const HEALTH_STATES = ['composed', 'degraded', 'lost'] as const;
type HealthState = (typeof HEALTH_STATES)[number];

/** A node's health: `composed` needs no reason, the others always have one. */
type Health = { state: 'composed'; reason: null } | { state: Exclude<HealthState, 'composed'>; reason: string };

const isHealthState = (s: NodeRow['state']): s is HealthState => (HEALTH_STATES as readonly string[]).includes(s);

/**
 * Part of a sync, after the devices converged: each node at rest (no operation holds it) becomes
 * `composed`, `degraded` or `lost` as the listing shows its server and devices, with the reason.
 * Nothing on the fabric is changed: what drifted is reported, never "repaired" (ARCHITECTURE rule 7).
 */
export async function assessNodes(tx: Db, podmId: string, inventory: FabricInventory, at: string): Promise<void> {
  const nodes = (await listNodes(tx, { podm_id: podmId })).filter((n): n is NodeRow & { state: HealthState } => n.held_by === null && isHealthState(n.state));
  if (nodes.length === 0) return; // a pool without nodes at rest costs no index of the listing
  const servers = new Map<string, FabricServer>();
  for (const s of inventory.servers) servers.set(s.id, s);
  const fabric = new Map<string, FabricDevice>();
  for (const d of inventory.devices) fabric.set(d.id, d);
  const members = groupBy(inventory.devices, (d) => d.groupId);
  // Only owned devices matter to a node's health: not the whole pool again.
  const rows = await ownedDevices(tx, podmId);
  const ownerOf = new Map(rows.filter((r) => r.removed_at === null).map((r) => [r.eem_id, r.owner_node]));
  const ownedBy = groupBy(rows, (r) => r.owner_node);
  for (const node of nodes) {
    const owned = ownedBy.get(node.uuid) ?? [];
    const health = healthOf(node, servers.get(node.node_index), owned, fabric, (group) => members.get(group) ?? [], ownerOf);
    if (health.state === node.state && health.reason === node.state_reason) continue; // nothing to write
    const patch = { state_reason: health.reason, updated_at: at };
    if (health.state === node.state) {
      await updateNodeInState(tx, node.uuid, node.state, patch); // same state, new reason
      continue;
    }
    try {
      await changeNodeState<HealthState>(tx, node.uuid, node.state, health.state, patch);
    } catch (err) {
      // An operation took the node since it was read (replicas): the next sync assesses it.
      if (!(err instanceof CoreError && err.kind === 'conflict')) throw err;
    }
  }
}

function healthOf(
  node: NodeRow, server: FabricServer | undefined, owned: ReadonlyArray<Pick<DeviceRow, 'eem_id'>>,
  fabric: ReadonlyMap<string, FabricDevice>, membersOf: (group: string) => readonly FabricDevice[], ownerOf: ReadonlyMap<string, string | null>,
): Health {
  if (!server) return { state: 'lost', reason: `its server ${node.node_index} is gone from the EEM` };
  if (node.group_id !== null && server.groupId !== node.group_id) {
    return { state: 'lost', reason: `its server ${node.node_index} was moved to group ${server.groupId} outside covalence (the node's devices are in group ${node.group_id})` };
  }
  const group = node.group_id ?? (server.hasOwnGroup ? server.groupId : null);
  const problems: string[] = [];
  for (const row of owned) {
    const now = fabric.get(row.eem_id);
    if (!now) problems.push(`device ${row.eem_id} is gone from the EEM`);
    else if (now.groupId !== group) problems.push(`device ${row.eem_id} was moved to group ${now.groupId} outside covalence`);
    else if (!now.online) problems.push(`device ${row.eem_id} is offline (link down or disabled)`);
  }
  for (const d of group === null ? [] : membersOf(group)) {
    if (ownerOf.get(d.id) !== node.uuid) problems.push(`device ${d.id}, not attached by covalence, is in its group ${group}`);
  }
  return problems.length === 0 ? { state: 'composed', reason: null } : { state: 'degraded', reason: problems.join('; ') };
}

/** One pass over a listing, so that a sync costs the same whatever the number of nodes. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

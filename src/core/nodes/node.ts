import type { NodeState } from '../../shared/vocabulary.js';
import type { Db } from '../../store/database.js';
import { findNode } from '../../store/nodes.js';
import type { RowLock } from '../../store/row-locks.js';
import type { NodeRow } from '../../store/schema.js';

/** A composed (or managed) node as core hands it out. */
export interface Node {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly podmId: string;
  /** Its server's board id on the fabric (EESV id): Valence's node `index`. */
  readonly serverId: string;
  readonly state: NodeState;
  /** Why it is not `composed` (degraded, lost, an undo pending), in a sentence; null when nothing is to be said. */
  readonly stateReason: string | null;
  /** The group covalence gave the server, given back at decompose; null while the server has its own or none. */
  readonly ownedGroupId: string | null;
  readonly flavorId: string | null;
  /** `ironic` once registered with a provisioner. */
  readonly managedBy: string | null;
  readonly ironicUuid: string | null;
  /** The project that composed or managed it, and owns it. */
  readonly projectId: string;
  /** The node's group on the fabric, once it has devices; stays put if its server is moved away. */
  readonly groupId: string | null;
  /** The journalled operation holding the node, if any. */
  readonly heldBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The one mapping from the store's columns. */
export function toNode(row: NodeRow): Node {
  return {
    uuid: row.uuid, name: row.name, description: row.description, podmId: row.podm_id, serverId: row.node_index, state: row.state, stateReason: row.state_reason, groupId: row.group_id,
    ownedGroupId: row.owned_group_id, flavorId: row.flavor_id, managedBy: row.managed_by, ironicUuid: row.ironic_uuid,
    projectId: row.project_id, heldBy: row.held_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function readNode(db: Db, uuid: string, lock?: RowLock): Promise<Node | undefined> {
  const row = await findNode(db, uuid, lock);
  return row && toNode(row);
}

import type { DeviceSummary, Node, PooledServer } from '../../core/index.js';
import type { DeviceType } from '../../shared/vocabulary.js';
import { serverBlockId } from './block-ids.js';
import { link, paths, resource, status, type Health, type StatusState } from './odata.js';
import type { PoolSnapshot } from './pool-snapshot.js';

export const COMPOSITION_STATES = ['Composing', 'ComposedAndAvailable', 'Composed', 'Unused', 'Failed', 'Unavailable'] as const;
export type CompositionState = (typeof COMPOSITION_STATES)[number];
export type BlockType = 'Compute' | 'Processor' | 'Network' | 'Storage' | 'Expansion';

/** EEIO blocks by the type of card behind them (reference §5); a 10G board that cannot tell is Expansion. */
export const BLOCK_TYPE_OF_DEVICE = {
  NIC: 'Network', SSD: 'Storage', GPU: 'Processor', ACS: 'Processor', Multi: 'Expansion', USB: 'Expansion', SWITCH: 'Expansion', Unknown: 'Expansion',
} as const satisfies Record<DeviceType, BlockType>;

/** Where a block stands, from its board's state and the node (if any) composed from it. */
export interface BlockState {
  state: CompositionState;
  pool: 'Free' | 'Active' | 'Unassigned';
  health: Health;
  statusState: StatusState;
  /** The visible system composed from the block. */
  system?: Node;
}

/** A server block: a node on it composes it; a server compose cannot take is unavailable. */
export function serverBlockState(server: PooledServer, node: Node | undefined, attached: number): BlockState {
  if (server.removedAt !== null) return { state: 'Unavailable', pool: 'Unassigned', health: 'Critical', statusState: 'Absent' };
  if (server.taken) {
    if (!node) return { state: 'Composed', pool: 'Active', health: 'OK', statusState: 'Enabled' };
    return { ...nodeComposition(node), pool: 'Active', system: node };
  }
  if (!server.powerOn || !server.enabled) return { state: 'Unavailable', pool: 'Unassigned', health: 'OK', statusState: 'StandbyOffline' };
  // Devices someone else put in its group: covalence composes only onto empty servers.
  if (attached > 0) return { state: 'Unavailable', pool: 'Unassigned', health: 'OK', statusState: 'Enabled' };
  return { state: 'Unused', pool: 'Free', health: 'OK', statusState: 'Enabled' };
}

/** A device block follows its device's pool state, composed into the node of its server if any. */
export function deviceBlockState(device: DeviceSummary, serverTaken: boolean, node: Node | undefined): BlockState {
  switch (device.state) {
    case 'free':
      return { state: 'Unused', pool: 'Free', health: 'OK', statusState: 'Enabled' };
    case 'allocated':
      if (!serverTaken) return { state: 'Unavailable', pool: 'Unassigned', health: 'OK', statusState: 'Enabled' };
      return node ? { ...nodeComposition(node), pool: 'Active', system: node } : { state: 'Composed', pool: 'Active', health: 'OK', statusState: 'Enabled' };
    case 'offline':
      return { state: 'Unavailable', pool: 'Unassigned', health: 'Warning', statusState: 'UnavailableOffline' };
    case 'removed':
      return { state: 'Unavailable', pool: 'Unassigned', health: 'Critical', statusState: 'Absent' };
    case 'orphaned': // left in a group no server is in: it needs an admin's release (v1), Redfish's "Failed"
      return { state: 'Failed', pool: 'Unassigned', health: 'Critical', statusState: 'Enabled' };
    default: {
      const unknown: never = device.state;
      throw new Error(`no composition state for device state ${String(unknown)}`);
    }
  }
}

/** A node's own state as its blocks show it. */
function nodeComposition(node: Node): Pick<BlockState, 'state' | 'health' | 'statusState'> {
  switch (node.state) {
    case 'composing':
    case 'decomposing':
      return { state: 'Composing', health: 'OK', statusState: 'Starting' };
    case 'composed':
      return { state: 'Composed', health: 'OK', statusState: 'Enabled' };
    case 'degraded':
      return { state: 'Composed', health: 'Warning', statusState: 'Enabled' };
    case 'lost':
      return { state: 'Failed', health: 'Critical', statusState: 'UnavailableOffline' };
    default: {
      const unknown: never = node.state;
      throw new Error(`no composition state for node state ${String(unknown)}`);
    }
  }
}

/** Every block of the pool, servers first, with the state each is in. */
export interface Block {
  id: string;
  podmId: string;
  type: BlockType;
  name: string;
  state: BlockState;
  /** The server's board id, or the device's. */
  fabricId: string;
}

export function blocksOf(pool: PoolSnapshot): Block[] {
  const serverTaken = new Set(pool.servers.filter((s) => s.taken).map((s) => `${s.podmId} ${s.serverId}`));
  const attached = new Map<string, number>();
  for (const d of pool.devices) if (d.serverId !== null) attached.set(`${d.podmId} ${d.serverId}`, (attached.get(`${d.podmId} ${d.serverId}`) ?? 0) + 1);
  const servers = pool.servers.map((s): Block => ({
    id: serverBlockId(s.podmId, s.serverId), podmId: s.podmId, type: 'Compute', name: `Server board ${s.serverId}`, fabricId: s.serverId,
    state: serverBlockState(s, pool.nodeOn(s.podmId, s.serverId), attached.get(`${s.podmId} ${s.serverId}`) ?? 0),
  }));
  const devices = pool.devices.map((d): Block => {
    const taken = d.serverId !== null && serverTaken.has(`${d.podmId} ${d.serverId}`);
    const node = d.serverId === null ? undefined : pool.nodeOn(d.podmId, d.serverId);
    return {
      id: d.uuid, podmId: d.podmId, type: BLOCK_TYPE_OF_DEVICE[d.type ?? 'Unknown'], name: `${d.type ?? 'PCIe'} device ${d.fabricId}`,
      fabricId: d.fabricId, state: deviceBlockState(d, taken, node),
    };
  });
  return [...servers, ...devices];
}

/** A ResourceBlock (ResourceBlock.v1_4_3); `reserved` while a composition reservation holds it. */
export function blockView(block: Block, reserved: boolean) {
  const { state } = block;
  const composed = state.system ? [link(paths.system(state.system.uuid))] : [];
  return {
    ...resource('ResourceBlock', paths.block(block.id), block.id, block.name),
    Description: block.type === 'Compute' ? 'An ExpEther server board (EESV): the host a system is composed on' : 'An ExpEther IO board (EEIO) and the PCIe card behind it',
    ResourceBlockType: [block.type],
    CompositionStatus: {
      CompositionState: state.state,
      Reserved: reserved,
      SharingCapable: false,
      MaxCompositions: 1,
      NumberOfCompositions: state.state === 'Composed' || state.state === 'Composing' ? 1 : 0,
    },
    Pool: state.pool,
    Status: status(state.statusState, state.health),
    Links: {
      Chassis: [link(paths.chassis(block.id))],
      Zones: [link(paths.zone(block.podmId))],
      ComputerSystems: composed,
      'ComputerSystems@odata.count': composed.length,
    },
    Oem: { Covalence: { FabricId: block.fabricId } },
  };
}

import type { DeviceType } from '../shared/vocabulary.js';

/** A server board (ExpEther EESV) as the fabric reports it. */
export interface FabricServer {
  readonly id: string;
  readonly groupId: string;
  /** True once the server has a group of its own (not the fabric's default server group). */
  readonly hasOwnGroup: boolean;
  readonly generation: string;
  readonly macAddress: string;
  readonly powerOn: boolean;
  readonly enabled: boolean;
  readonly linkUp: boolean;
  readonly maxDevices: number;
  readonly model: string;
  readonly serialNumber: string;
  readonly hostModel: string;
  readonly hostSerialNumber: string;
  readonly firmware: string;
  /** The fabric's change token (EEM update_time, ms since the epoch). */
  readonly version: string;
}

/** A pooled PCIe device (ExpEther EEIO) as the fabric reports it. */
export interface FabricDevice {
  readonly id: string;
  readonly groupId: string;
  /** True when the device sits in the free pool (not in any server's group). */
  readonly free: boolean;
  readonly generation: string;
  readonly macAddress: string;
  /** Link up and enabled by the operator: usable. */
  readonly online: boolean;
  /** Null when the board cannot tell (10G ExpEther boards report no PCIe ids). */
  readonly type: DeviceType | null;
  readonly pcie: { readonly classCode: string; readonly vendorId: string; readonly deviceId: string } | null;
  readonly vendorName: string | null;
  readonly deviceName: string | null;
  readonly version: string;
}

export interface FabricInventory {
  readonly servers: readonly FabricServer[];
  readonly devices: readonly FabricDevice[];
}

/** The boards in one group, as one answer of the fabric shows them together. */
export interface FabricGroup {
  /** The server in the group; null when none is. */
  readonly server: FabricServer | null;
  readonly deviceIds: readonly string[];
}

export interface GroupChange {
  readonly groupId: string;
  readonly version: string;
}

/**
 * What core asks of a pod manager. Every call may throw a FabricError. Changes take the caller's
 * last known `version` of the board, so that a change made behind covalence's back is refused by
 * the fabric instead of silently overwritten.
 */
export interface PodManagerDriver {
  /** Checks that the manager answers and accepts the credentials. */
  probe(): Promise<void>;
  /** Servers and devices in a fixed number of calls, whatever the pool size. */
  inventory(): Promise<FabricInventory>;
  servers(): Promise<FabricServer[]>;
  /** One server, fresh; `wrong_role` when the id is a device. */
  server(id: string): Promise<FabricServer>;
  /** One device, fresh; `wrong_role` when the id is a server. */
  device(id: string): Promise<FabricDevice>;
  /**
   * Re-reads a board on the fabric, which bumps its version: any change still in flight that
   * carries the old version is then refused. Returns the new version.
   */
  fence(boardId: string): Promise<string>;
  /** Ids of the devices in a group, fresh. */
  groupMembers(groupId: string): Promise<string[]>;
  /**
   * A group's server and devices, fresh, in one call: the server's version and the members are one
   * snapshot, so a member that joins later changes that version.
   */
  group(groupId: string): Promise<FabricGroup>;
  /** Gives a server that has none a group of its own. */
  createGroup(serverId: string, version: string): Promise<GroupChange>;
  /** Puts a device into a server's group: attaches it. */
  joinGroup(deviceId: string, groupId: string, version: string): Promise<GroupChange>;
  /** Takes a board out of its group: a device back to the pool, a server back to no group. */
  leaveGroup(boardId: string, version?: string): Promise<GroupChange>;
  /** Lights (or puts out) a board's locate LED, so that someone at the rack finds it. */
  locate(boardId: string, on: boolean): Promise<void>;
  /** Frees connections. */
  close(): Promise<void>;
}

export interface DriverConnection {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** PEM CA bundle for an https EEM; the system's when unset. */
  readonly ca?: string;
  /** Do not verify the EEM's certificate. */
  readonly insecure: boolean;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

import type { Caller, Core, DeviceSummary, Node, PodManager, PooledServer } from '../../core/index.js';

/**
 * What the Redfish views of the pool are drawn from, read once per request through core: pod
 * managers (zones), stored servers and devices (blocks, chassis) and the caller's nodes (systems).
 * Nodes of other projects stay hidden: a block they use shows as composed, without a link to them.
 */
export interface PoolSnapshot {
  readonly podManagers: PodManager[];
  readonly servers: PooledServer[];
  readonly devices: DeviceSummary[];
  /** The caller's visible nodes by pod manager and server. */
  readonly nodeOn: (podmId: string, serverId: string) => Node | undefined;
}

export async function poolSnapshot(core: Core, caller: Caller): Promise<PoolSnapshot> {
  const [podManagers, servers, devices, nodes] = await Promise.all([
    core.podManagers.list(), core.servers.list(), core.devices.list({}).then((p) => p.devices), core.nodes.list({}, caller),
  ]);
  const byServer = new Map(nodes.map((n) => [`${n.podmId} ${n.serverId}`, n]));
  return { podManagers, servers, devices, nodeOn: (podmId, serverId) => byServer.get(`${podmId} ${serverId}`) };
}

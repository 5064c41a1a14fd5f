import type { PodManagerDriver } from '../../drivers/index.js';

/**
 * A pod manager's driver as one operation sees it: before each call, `mayCall` throws when the
 * operation must stop (past its deadline, or no longer this process's). Each call is bounded by the
 * EEM timeouts already; this bounds their sum, so N slow calls cannot add up without end (an
 * answer arrives at most one call's timeout after the deadline).
 */
export function boundedDriver(driver: PodManagerDriver, mayCall: (call: string) => void): PodManagerDriver {
  const guard = <A extends unknown[], R>(call: string, work: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    mayCall(call);
    return work(...args);
  };
  return {
    probe: guard('probe', () => driver.probe()),
    inventory: guard('inventory', () => driver.inventory()),
    servers: guard('GET devices', () => driver.servers()),
    server: guard('GET devices/{id}', (id) => driver.server(id)),
    device: guard('GET devices/{id}', (id) => driver.device(id)),
    fence: guard('fence', (id) => driver.fence(id)),
    groupMembers: guard('GET devices', (group) => driver.groupMembers(group)),
    createGroup: guard('PUT devices/{id}/group_id', (server, version) => driver.createGroup(server, version)),
    joinGroup: guard('PUT devices/{id}/group_id', (device, group, version) => driver.joinGroup(device, group, version)),
    leaveGroup: guard('DELETE devices/{id}/group_id', (board, version) => driver.leaveGroup(board, version)),
    // The connection is the pool's, shared by every operation on this pod manager.
    close: async () => undefined,
  };
}

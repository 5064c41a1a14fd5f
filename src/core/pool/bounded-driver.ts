import type { PodManagerDriver } from '../../drivers/index.js';

/** What an operation's driver reports and asks around each fabric call. */
export interface CallWatch {
  /** Throws when the operation must stop (past its deadline, or no longer this process's). */
  mayCall(call: string): void;
  /** A call starts (+1) or ends (-1): signs of life for the operation's heartbeat. */
  calling(delta: 1 | -1): void;
}

/**
 * A pod manager's driver as one operation sees it. Each call is bounded by the EEM timeouts
 * already; refusing to start one past the operation's deadline bounds their sum, so N slow calls
 * cannot add up without end (an answer arrives at most one call's timeout after the deadline).
 */
export function boundedDriver(driver: PodManagerDriver, watch: CallWatch): PodManagerDriver {
  const guard = <A extends unknown[], R>(call: string, work: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    watch.mayCall(call);
    watch.calling(1);
    try {
      return await work(...args);
    } finally {
      watch.calling(-1);
    }
  };
  return {
    probe: guard('probe', () => driver.probe()),
    inventory: guard('inventory', () => driver.inventory()),
    servers: guard('GET devices', () => driver.servers()),
    server: guard('GET devices/{id}', (id) => driver.server(id)),
    device: guard('GET devices/{id}', (id) => driver.device(id)),
    fence: guard('fence', (id) => driver.fence(id)),
    groupMembers: guard('GET devices', (group) => driver.groupMembers(group)),
    group: guard('GET devices/detail', (group) => driver.group(group)),
    createGroup: guard('PUT devices/{id}/group_id', (server, version) => driver.createGroup(server, version)),
    joinGroup: guard('PUT devices/{id}/group_id', (device, group, version) => driver.joinGroup(device, group, version)),
    leaveGroup: guard('DELETE devices/{id}/group_id', (board, version) => driver.leaveGroup(board, version)),
    locate: guard('PUT devices/{id}/uid_led_status', (board, on) => driver.locate(board, on)),
    // The connection is the pool's, shared by every operation on this pod manager.
    close: async () => undefined,
  };
}

import type { PodManagerRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { fabricFailure } from '../errors.js';

/**
 * Lights (or puts out) a board's locate (UID) LED, for someone at the rack to find a device or a
 * server. It moves nothing; on the EEM it may bump the board's update_time, which attach and
 * compose take in their stride (fabric-moves.ts).
 */
export async function locateBoard(ctx: CoreContext, podm: PodManagerRow, boardId: string, on: boolean, what: string): Promise<void> {
  try {
    await ctx.drivers.get(podm).locate(boardId, on);
  } catch (err) {
    throw fabricFailure(err, podm, `turning ${on ? 'on' : 'off'} the locate LED of ${what}`);
  }
  ctx.log.info({ podm_id: podm.uuid, board: boardId, on }, 'locate LED set');
}

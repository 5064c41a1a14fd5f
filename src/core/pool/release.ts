import { nowIso } from '../../shared/time.js';
import { findDevice, updateDevice } from '../../store/devices.js';
import { serverInGroup } from '../../store/servers.js';
import type { CoreContext } from '../context.js';
import { CoreError, fabricFailure, notFound } from '../errors.js';
import { record } from '../events/recorder.js';
import { toDevice, type Device } from './devices.js';
import { podManagerRow } from './pod-managers.js';

/**
 * An admin's way out for an `orphaned` device: one left in a group no server is in (its node's
 * server left the fabric or its group, or its node is gone). It leaves that group on the fabric,
 * passing the version sync saw, and is free again. The one action that moves a device covalence
 * does not own, so admins only, audited. A device already free is answered as it is.
 */
export async function releaseOrphan(ctx: CoreContext, uuid: string): Promise<Device> {
  const row = await findDevice(ctx.store.db, uuid);
  if (!row) throw notFound(`Device ${uuid}`);
  if (row.state === 'free') return toDevice(row);
  if (row.state !== 'orphaned') {
    throw new CoreError('conflict', `Device ${uuid} is ${row.state}, not orphaned: only a device left in a group no server is in can be released.`);
  }
  if (row.held_by !== null) throw new CoreError('busy', `Device ${uuid} is being moved by another operation.`);
  if (await serverInGroup(ctx.store.db, row.podm_id, row.pooled_group_id)) {
    throw new CoreError('conflict', `Device ${uuid} is in group ${row.pooled_group_id}, which a server is in again; sync, then detach it from that server's node.`);
  }
  const podm = await podManagerRow(ctx, row.podm_id);
  try {
    const left = await ctx.drivers.get(podm).leaveGroup(row.eem_id, row.fabric_version);
    const at = nowIso();
    const patch = { state: 'free', node_id: null, owner_node: null, pooled_group_id: left.groupId, fabric_version: left.version, updated_at: at } as const;
    await ctx.store.transaction(async (tx) => {
      await updateDevice(tx, uuid, patch);
      await record(tx, { kind: 'device.released', target: uuid, podmId: row.podm_id, before: { state: row.state, pooled_group_id: row.pooled_group_id }, after: { state: 'free', pooled_group_id: left.groupId } });
    });
    ctx.log.info({ device: uuid, podm_id: podm.uuid, from_group: row.pooled_group_id }, 'orphaned device released');
    return toDevice({ ...row, ...patch });
  } catch (err) {
    throw fabricFailure(err, podm, `release of device ${uuid} from group ${row.pooled_group_id}`);
  }
}

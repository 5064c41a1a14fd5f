import { Command, Option } from 'commander';
import { DEVICE_STATES, DEVICE_TYPES, type SyncStatus } from '../../shared/vocabulary.js';
import type { Row } from '../client/api.js';
import { runBulk } from '../client/bulk.js';
import { positiveInt } from '../client/flags.js';
import { session, showVerb, verb } from '../client/verb.js';

const COLUMNS = ['uuid', 'type', 'state', 'node_id', 'pooled_group_id', 'resource_uri', 'podm_id'];
const SYNC_COLUMNS = ['podm_id', 'status', 'servers', 'added', 'updated', 'offline', 'removed', 'unchanged', 'deferred', 'detail'];

interface SyncReport extends Row {
  status: SyncStatus;
  detail?: string;
}

/** `covalence device ...`: the pooled PCIe devices, and syncing the pool with the fabric. */
export function deviceCommand(): Command {
  const group = new Command('device').description('Pooled PCIe devices');

  group.addCommand(verb('list', 'List pooled devices; the filters match exactly')
    .option('--podm-id <uuid>', 'on this pod manager')
    .addOption(new Option('--type <type>', 'of this type').choices(DEVICE_TYPES))
    .addOption(new Option('--state <state>', 'in this state').choices(DEVICE_STATES))
    .option('--node-id <index>', 'attached to the server with this index (a node\'s index)')
    .option('--pooled-group-id <id>', 'in this ExpEther group')
    .action(async (o: { podmId?: string; type?: string; state?: string; nodeId?: string; pooledGroupId?: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const query = { podm_id: o.podmId, type: o.type, state: o.state, node_id: o.nodeId, pooled_group_id: o.pooledGroupId };
      out.list(await api.get<Row[]>('/v1/devices', query), COLUMNS);
    }));

  group.addCommand(showVerb('Show a device', '/v1/devices'));

  group.addCommand(verb('sync', 'Sync the pool with the fabric: every pod manager, or one; a FAILED one exits 1')
    .option('--podm-id <uuid>', 'only this pod manager')
    .option('--parallel <n>', 'sync at most n pod managers at a time', positiveInt, 4)
    .action(async (o: { podmId?: string; parallel: number }, cmd: Command) => {
      const { api, out } = await session(cmd);
      // one request per pod manager, so that progress can be shown and one failure does not hide the rest
      const podms = o.podmId ? [{ uuid: o.podmId, name: o.podmId }] : await api.get<Array<{ uuid: string; name: string }>>('/v1/pod_managers');
      await runBulk({
        items: podms,
        parallel: o.parallel,
        verb: 'syncing',
        label: (p) => `pod manager ${p.name}`,
        work: async (p) => (await api.post<SyncReport[]>('/v1/devices/sync', { podm_id: p.uuid }))[0]!,
        failure: (r) => (r.status === 'FAILED' ? r.detail ?? 'sync FAILED' : undefined),
        summary: (ok, failed) => `synced ${ok} of ${podms.length} pod manager(s)${failed ? `, ${failed} failed` : ''}`,
        show: (reports) => out.list(reports, SYNC_COLUMNS),
      });
    }));

  return group;
}

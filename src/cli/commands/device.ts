import { Argument, Command, Option } from 'commander';
import { DEVICE_STATES, DEVICE_TYPES, type SyncStatus } from '../../shared/vocabulary.js';
import { route, type Row } from '../client/api.js';
import { runBulk } from '../client/bulk.js';
import { positiveInt } from '../client/flags.js';
import { resolveName, resolveOptionalName } from '../client/names.js';
import { session, showVerb, verb } from '../client/verb.js';
import { locateVerb } from './locate.js';

const COLUMNS = ['uuid', 'type', 'state', 'node_id', 'pooled_group_id', 'resource_uri', 'podm_id'];

/** A device in maintenance says so in its state cell: a column of its own would not fit a terminal. */
const markMaintenance = (d: Row): Row => (d['maintenance'] === true ? { ...d, state: `${String(d['state'])}, in maintenance` } : d);
const SYNC_COLUMNS = ['podm_id', 'status', 'servers', 'added', 'updated', 'offline', 'removed', 'unchanged', 'deferred', 'detail'];

interface SyncReport extends Row {
  status: SyncStatus;
  detail?: string;
}

/** `covalence device ...`: the pooled PCIe devices, and syncing the pool with the fabric. */
export function deviceCommand(): Command {
  const group = new Command('device').description('Pooled PCIe devices');

  group.addCommand(verb('list', 'List pooled devices; the filters match exactly')
    .option('--podm-id <uuid|name>', 'on this pod manager')
    .addOption(new Option('--type <type>', 'of this type').choices(DEVICE_TYPES))
    .addOption(new Option('--state <state>', 'in this state').choices(DEVICE_STATES))
    .option('--node-id <index>', 'attached to the server with this index (a node\'s index)')
    .option('--pooled-group-id <id>', 'in this ExpEther group')
    .action(async (o: { podmId?: string; type?: string; state?: string; nodeId?: string; pooledGroupId?: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const query = { podm_id: await resolveOptionalName(api, 'pod manager', o.podmId), type: o.type, state: o.state, node_id: o.nodeId, pooled_group_id: o.pooledGroupId };
      out.list(await api.get<Row[]>('/v1/devices', query), COLUMNS, markMaintenance);
    }));

  group.addCommand(showVerb('Show a device', '/v1/devices'));

  group.addCommand(verb('maintenance', 'Take a device out of service (compose and attach never take it), or back in with --clear (admin)')
    .argument('<uuid>')
    .option('--reason <text>', 'why, shown with the device')
    .option('--clear', 'back in service')
    .action(async (uuid: string, o: { reason?: string; clear?: boolean }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const body = o.clear ? { maintenance: false } : { maintenance: true, ...(o.reason !== undefined && { maintenance_reason: o.reason }) };
      out.show(await api.patch(route`/v1/devices/${uuid}`, body));
    }));

  group.addCommand(verb('set-type', "Set the type of a device whose board reports none (10G boards), kept across syncs (admin)")
    .argument('<uuid>')
    .addArgument(new Argument('<type>').choices(DEVICE_TYPES))
    .action(async (uuid: string, type: string, _o, cmd: Command) => {
      const { api, out } = await session(cmd);
      out.show(await api.patch(route`/v1/devices/${uuid}`, { type }));
    }));

  group.addCommand(locateVerb('the device\'s board', (uuid) => route`/v1/devices/${uuid}/action`).argument('<uuid>'));

  group.addCommand(verb('sync', 'Sync the pool with the fabric: every pod manager, or one; a FAILED one exits 1')
    .option('--podm-id <uuid|name>', 'only this pod manager')
    .option('--parallel <n>', 'sync at most n pod managers at a time', positiveInt, 4)
    .action(async (o: { podmId?: string; parallel: number }, cmd: Command) => {
      const { api, out } = await session(cmd);
      // one request per pod manager, so that progress can be shown and one failure does not hide the rest
      const podms = o.podmId ? [{ uuid: await resolveName(api, 'pod manager', o.podmId), name: o.podmId }] : await api.get<Array<{ uuid: string; name: string }>>('/v1/pod_managers');
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

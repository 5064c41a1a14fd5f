import { Command } from 'commander';
import { route, type Row } from '../client/api.js';
import { resolveOptionalName } from '../client/names.js';
import { session, verb } from '../client/verb.js';
import { locateVerb } from './locate.js';

const COLUMNS = ['id', 'podm_id', 'type', 'power_state', 'pooled_group_id', 'max_devices', 'host_model', 'mac_address'];

/** `covalence system ...`: the servers, read live from each pod manager's fabric. */
export function systemCommand(): Command {
  const group = new Command('system').description("Servers, live from the pod managers' fabrics");

  group.addCommand(verb('list', 'List servers').option('--podm-id <uuid|name>', 'on this pod manager').action(async (o: { podmId?: string }, cmd: Command) => {
    const { api, out } = await session(cmd);
    out.list(await api.get<Row[]>('/v1/systems', { podm_id: await resolveOptionalName(api, 'pod manager', o.podmId) }), COLUMNS);
  }));

  group.addCommand(verb('show', 'Show a server').argument('<id>', "the server's id (its EEM id, e.g. 0x1111111111)")
    .option('--podm-id <uuid|name>', 'the pod manager it is on (default: look on each)')
    .action(async (id: string, o: { podmId?: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      out.show(await api.get(route`/v1/systems/${id}`, { podm_id: await resolveOptionalName(api, 'pod manager', o.podmId) }));
    }));

  group.addCommand(locateVerb("a server's board", (id) => route`/v1/systems/${id}/action`, (o) => ({ podm_id: o['podmId'] }))
    .argument('<id>', "the server's id (its EEM id)")
    .option('--podm-id <uuid>', 'the pod manager it is on (default: look on each)'));

  return group;
}

import { Command, Option } from 'commander';
import { AUDIT_RESULTS } from '../../shared/vocabulary.js';
import type { Row } from '../client/api.js';
import { session, verb } from '../client/verb.js';

const COLUMNS = ['id', 'time', 'user_name', 'project', 'role', 'action', 'target', 'result', 'status'];

/** `covalence audit list`: the changes asked of covalence, for admins. */
export function auditCommand(): Command {
  const group = new Command('audit').description('The audit trail: who asked covalence to change what, and how it ended (admins)');

  group.addCommand(verb('list', 'List audit events, newest first, a page at a time (--limit, then --marker with the last id)')
    .option('--user <user>', "the user's id or name")
    .option('--project <project>')
    .option('--action <action>', 'e.g. node.compose, pod_manager.delete')
    .option('--target <id>', 'the uuid or id acted on')
    .addOption(new Option('--result <result>').choices(AUDIT_RESULTS))
    .option('--since <time>', 'ISO 8601 with a time zone, e.g. 2026-11-25T22:00:00Z')
    .option('--until <time>', 'ISO 8601 with a time zone')
    .option('--limit <n>', '1 to 1000 (default 100)')
    .option('--marker <id>', 'the id of the last event of the previous page')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const { api, out } = await session(cmd);
      const { user, project, action, target, result, since, until, limit, marker } = o;
      out.list(await api.get<Row[]>('/v1/audit', { user, project, action, target, result, since, until, limit, marker }), COLUMNS);
    }));

  return group;
}

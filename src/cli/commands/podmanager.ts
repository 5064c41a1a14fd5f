import { Command, Option } from 'commander';
import { DRIVER_NAMES } from '../../shared/vocabulary.js';
import { route, type Row } from '../client/api.js';
import { UsageError } from '../client/errors.js';
import { printable } from '../client/printable.js';
import { readSecret } from '../client/prompt.js';
import { resolveName } from '../client/names.js';
import { session, showVerb, verb } from '../client/verb.js';

const COLUMNS = ['uuid', 'name', 'url', 'status', 'location', 'last_sync_at'];

const authentication = (username: string, password: string) => [{ type: 'basic', auth_items: { username, password } }];

/** `covalence podmanager ...`: the EEMs covalence drives, and the credentials it uses on them. */
export function podManagerCommand(): Command {
  const group = new Command('podmanager').description('Pod managers: the fabric managers (EEMs) covalence drives');

  group.addCommand(verb('list', 'List pod managers').action(async (_o, cmd: Command) => {
    const { api, out } = await session(cmd);
    out.list(await api.get<Row[]>('/v1/pod_managers'), COLUMNS);
  }));

  group.addCommand(showVerb('Show a pod manager', '/v1/pod_managers', 'pod manager'));

  group.addCommand(verb('create', 'Register a pod manager; covalence checks the credentials, then syncs its pool')
    .argument('<name>')
    .argument('<eem-url>', 'the EEM base URL, e.g. http://10.0.0.5:30500/eem')
    .requiredOption('--username <name>', 'EEM user')
    .option('--password <password>', 'EEM password (asked for when left out; stdin when not a terminal)')
    .addOption(new Option('--driver <driver>', 'fabric driver').choices(DRIVER_NAMES))
    .option('--description <text>')
    .option('--location <text>')
    .option('--insecure', "do not verify the EEM's TLS certificate (test setups only)")
    .action(async (name: string, url: string, o: { username: string; password?: string; driver?: string; description?: string; location?: string; insecure?: boolean }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const password = o.password ?? await readSecret(`EEM password for ${o.username}`);
      out.show(await api.post('/v1/pod_managers', {
        name, url, driver: o.driver, description: o.description, location: o.location, insecure: o.insecure,
        authentication: authentication(o.username, password),
      }));
    }));

  group.addCommand(verb('update', 'Rename, describe, re-credential or re-point a pod manager (to the same EEM; its driver is fixed)')
    .argument('<uuid|name>')
    .option('--name <name>')
    .option('--eem-url <url>', 'another address of the same EEM (an EEM with other boards is refused)')
    .option('--description <text>')
    .option('--location <text>')
    .option('--username <name>', 'new EEM user (the password is asked for unless given)')
    .option('--password [password]', 'new EEM password; without a value it is asked for (stdin when not a terminal)')
    .option('--insecure', "stop verifying the EEM's TLS certificate (test setups only)")
    .option('--no-insecure', "verify the EEM's TLS certificate again")
    .action(async (ref: string, o: { name?: string; eemUrl?: string; description?: string; location?: string; username?: string; password?: string | true; insecure?: boolean }, cmd: Command) => {
      if ([o.name, o.eemUrl, o.description, o.location, o.username, o.password, o.insecure].every((v) => v === undefined)) {
        throw new UsageError('nothing to update: give --name, --eem-url, --description, --location, --username, --password or --[no-]insecure');
      }
      const { api, out } = await session(cmd);
      const uuid = await resolveName(api, 'pod manager', ref);
      const body: Row = { name: o.name, url: o.eemUrl, description: o.description, location: o.location, insecure: o.insecure };
      if (o.username !== undefined || o.password !== undefined) {
        // the API takes user and password together; a new password alone keeps the current user
        const username = o.username ?? ((await api.get(route`/v1/pod_managers/${uuid}`)) as { authentication: Array<{ auth_items: { username: string } }> })
          .authentication[0]!.auth_items.username;
        const password = typeof o.password === 'string' ? o.password : await readSecret(`EEM password for ${printable(username)}`);
        body.authentication = authentication(username, password);
      }
      out.show(await api.patch(route`/v1/pod_managers/${uuid}`, body));
    }));

  group.addCommand(verb('delete', 'Delete a pod manager and forget its pool')
    .argument('<uuid|name>')
    .option('--force', 'decompose its nodes first (otherwise a pod manager with nodes is refused)')
    .option('--forget', 'its EEM is gone for good: drop it with its nodes and pool without calling the EEM')
    .action(async (ref: string, o: { force?: boolean; forget?: boolean }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const answer = await api.delete<{ detail: string }>(route`/v1/pod_managers/${await resolveName(api, 'pod manager', ref)}`, {
        force: o.force ? 'true' : undefined, forget: o.forget ? 'true' : undefined,
      });
      out.message(answer.detail, answer);
    }));

  return group;
}

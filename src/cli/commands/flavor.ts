import { Command } from 'commander';
import { route, type Row } from '../client/api.js';
import { UsageError } from '../client/errors.js';
import { addPropertyFlags, propertiesOf, type PropertyFlags } from '../client/flags.js';
import { resolveName } from '../client/names.js';
import { session, showVerb, verb } from '../client/verb.js';

const COLUMNS = ['uuid', 'name', 'description', 'properties'];

/** `covalence flavor ...`: named sets of properties to compose nodes by. */
export function flavorCommand(): Command {
  const group = new Command('flavor').description('Flavors: named properties (device types, memory, processor) to compose nodes by');

  group.addCommand(verb('list', 'List flavors').action(async (_o, cmd: Command) => {
    const { api, out } = await session(cmd);
    out.list(await api.get<Row[]>('/v1/flavors'), COLUMNS);
  }));

  group.addCommand(showVerb('Show a flavor', '/v1/flavors', 'flavor'));

  group.addCommand(addPropertyFlags(verb('create', 'Create a flavor').argument('<name>').option('--description <text>'))
    .action(async (name: string, o: PropertyFlags & { description?: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      out.show(await api.post('/v1/flavors', { name, description: o.description, properties: propertiesOf(o) ?? {} }));
    }));

  group.addCommand(addPropertyFlags(verb('update', 'Rename or describe a flavor; property flags replace all its properties')
    .argument('<uuid|name>').option('--name <name>').option('--description <text>'))
    .action(async (ref: string, o: PropertyFlags & { name?: string; description?: string }, cmd: Command) => {
      const body = { name: o.name, description: o.description, properties: propertiesOf(o) };
      if (Object.values(body).every((v) => v === undefined)) throw new UsageError('nothing to update: give --name, --description or property flags');
      const { api, out } = await session(cmd);
      out.show(await api.patch(route`/v1/flavors/${await resolveName(api, 'flavor', ref)}`, body));
    }));

  group.addCommand(verb('delete', 'Delete a flavor (nodes composed by it keep their devices)').argument('<uuid|name>').action(async (ref: string, _o, cmd: Command) => {
    const { api, out } = await session(cmd);
    const answer = await api.delete<{ detail: string }>(route`/v1/flavors/${await resolveName(api, 'flavor', ref)}`);
    out.message(answer.detail, answer);
  }));

  return group;
}

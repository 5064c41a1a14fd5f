import { Command, Help, Option } from 'commander';
import { ApiClient } from './api.js';
import { DEFAULT_URL, resolveEndpoint, type EndpointFlags } from './endpoint.js';
import { repeatable } from './flags.js';
import { resolveName, type Named } from './names.js';
import { FORMATS, Output, type Format } from './output.js';

/**
 * A client verb (`list`, `show`, ...): where to connect, and, unless it prints no record, how to
 * print. Every verb takes these flags after its own, as kubectl's do.
 */
export function verb(name: string, description: string, { output = true } = {}): Command {
  const cmd = new Command(name).description(description).configureHelp({ groupItems: ownFlagsFirst });
  cmd.addOption(new Option('--url <url>', `covalence API (default ${DEFAULT_URL})`).env('COVALENCE_URL').helpGroup('Connection:'));
  cmd.addOption(new Option('--token <token>', 'sent as X-Auth-Token').env('COVALENCE_TOKEN').helpGroup('Connection:'));
  cmd.addOption(new Option('--client-config <file>', 'JSON file {"url": ..., "token": ...} (default ~/.config/covalence/client.json)')
    .env('COVALENCE_CLIENT_CONFIG').helpGroup('Connection:'));
  if (output) {
    cmd.addOption(new Option('-o, --output <format>', 'table for people, json or yaml for scripts').choices(FORMATS).default('table').helpGroup('Output:'));
    cmd.addOption(new Option('-c, --column <field>', 'print only this field; repeatable; a.b reaches into objects').argParser(repeatable).helpGroup('Output:'));
    cmd.addOption(wideOption().helpGroup('Output:'));
  }
  return cmd;
}

/** Tables cut uuids to their first 8 digits; this shows them whole. */
export function wideOption(): Option {
  return new Option('--wide', 'whole uuids in tables (by default their first 8 digits, so that rows fit a terminal)');
}

/** `show UUID`: one record of a collection (e.g. `/v1/devices`), printed whole; a `named` one also by name. */
export function showVerb(description: string, collection: string, named?: Named): Command {
  return verb('show', description).argument(named ? '<uuid|name>' : '<uuid>').action(async (ref: string, _o, cmd: Command) => {
    const { api, out } = await session(cmd);
    const uuid = named ? await resolveName(api, named, ref) : ref;
    out.show(await api.get(`${collection}/${encodeURIComponent(uuid)}`));
  });
}

/** Help lists flag groups in the order they were added; a verb's own flags come after these, but matter more. */
function ownFlagsFirst<T extends Command | Option>(this: Help, unsorted: T[], visible: T[], groupOf: (item: T) => string): Map<string, T[]> {
  const groups = (Help.prototype.groupItems<T>).call(this, unsorted, visible, groupOf);
  return new Map([...groups].sort(([a], [b]) => Number(b === 'Options:') - Number(a === 'Options:')));
}

/** What an action works with: the API client and the printer, from the verb's flags. */
export async function session(cmd: Command): Promise<{ api: ApiClient; out: Output }> {
  const o = cmd.opts<EndpointFlags & { output?: Format; column?: string[]; wide?: boolean }>();
  const { url, token } = resolveEndpoint(o);
  return { api: new ApiClient(url, token), out: await Output.create({ format: o.output ?? 'table', columns: o.column ?? [], wide: o.wide === true }) };
}

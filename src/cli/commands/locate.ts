import type { Command } from 'commander';
import { session, verb } from '../client/verb.js';

/**
 * `locate ID [--off]`: lights a board's locate LED through the EEM, for someone at the rack. Devices
 * and systems share it; `path` is where the action goes, `query` any flags it sends along.
 */
export function locateVerb(what: string, path: (id: string) => string, query: (o: Record<string, string | undefined>) => Record<string, string | undefined> = () => ({})): Command {
  return verb('locate', `Light the locate LED of ${what}, or put it out with --off (admin)`, { output: false })
    .option('--off', 'put the LED out')
    .action(async (id: string, o: { off?: boolean } & Record<string, string | undefined>, cmd: Command) => {
      const { api } = await session(cmd);
      await api.post(path(id), { locate: { on: o.off !== true } }, query(o));
      process.stdout.write(`Locate LED of ${id} ${o.off ? 'off' : 'on'}.\n`);
    });
}

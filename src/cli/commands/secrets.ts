// `covalence secrets rotate-key`: re-seal every stored credential with a new key.
import { Command, Option } from 'commander';
import { SERVE_DEFAULTS } from '../../config.js';
import { rotateKey } from '../../core/index.js';
import { withDbOption, withStore } from '../local-admin.js';

export function secretsCommand(): Command {
  const cmd = new Command('secrets').description('The key that encrypts stored credentials');
  cmd.addCommand(withDbOption(new Command('rotate-key'))
    .description('Replace the key and re-seal every stored secret with it, in one transaction; stop covalence first. '
      + 'The old key is kept as <file>.old until the end; if a run is cut short, run it again to finish.')
    .addOption(new Option('--secret-key-file <path>', 'the key file (as for serve)').env('COVALENCE_SECRET_KEY_FILE').default(SERVE_DEFAULTS.secretKeyFile))
    .action(async (o: { db: string; secretKeyFile: string }) => {
      await withStore(o.db, async (store, audit) => {
        const { resealed, resumed } = await rotateKey(store, o.secretKeyFile);
        await audit({ action: 'secrets.rotate_key', target: null, result: 'success' });
        process.stdout.write(`${resumed ? 'Finished an interrupted rotation' : 'Rotated the key'}: ${resealed} secret(s) re-sealed with the new key in ${o.secretKeyFile}.\n`);
      });
    }));
  return cmd;
}

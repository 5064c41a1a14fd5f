// `covalence token create|list|revoke`: API tokens for `serve --auth token`, on the database directly.
import { Command, Option } from 'commander';
import { ApiTokens } from '../../core/index.js';
import { ROLES, type Role } from '../../shared/vocabulary.js';
import { FORMATS, Output, type Format } from '../client/output.js';
import { wideOption } from '../client/verb.js';
import { withDbOption, withStore } from '../local-admin.js';

export function tokenCommand(): Command {
  const cmd = new Command('token').description('API tokens for `serve --auth token` (works on the database given by --db)');

  cmd.addCommand(withDbOption(new Command('create'))
    .description('Make a token; it is printed once, on stdout, and only its hash is kept')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .addOption(new Option('--project <project>', 'the project its nodes belong to').makeOptionMandatory())
    .option('--name <name>', 'who or what holds it, as the audit trail shows it (default: token-<id>)')
    .action(async (o: { db: string; role: Role; project: string; name?: string }) => {
      await withStore(o.db, async (store, audit) => {
        const { token, record } = await new ApiTokens(store.db).create(o);
        await audit({ action: 'token.create', target: record.id, result: 'success' });
        process.stderr.write(`Token ${record.id} (${record.name}): role ${record.role} in project ${record.project}. It is shown only now.\n`);
        process.stdout.write(`${token}\n`);
      });
    }));

  cmd.addCommand(withDbOption(new Command('list'))
    .description('The tokens: id, name, role, project, created (never the tokens themselves)')
    .addOption(new Option('-o, --output <format>', 'table, json or yaml').choices(FORMATS).default('table'))
    .addOption(wideOption())
    .action(async (o: { db: string; output: Format; wide?: boolean }) => {
      const tokens = await withStore(o.db, (store) => new ApiTokens(store.db).list());
      (await Output.create({ format: o.output, columns: [], wide: o.wide === true })).list(tokens, ['id', 'name', 'role', 'project', 'created_at']);
    }));

  cmd.addCommand(withDbOption(new Command('revoke'))
    .description('Delete a token: requests carrying it are refused from now on')
    .argument('<id>', 'the token id (token list --wide shows it whole)')
    .action(async (id: string, o: { db: string }) => {
      await withStore(o.db, async (store, audit) => {
        await new ApiTokens(store.db).revoke(id);
        await audit({ action: 'token.revoke', target: id, result: 'success' });
        process.stdout.write(`Token ${id} revoked.\n`);
      });
    }));
  return cmd;
}

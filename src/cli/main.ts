import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { eemSimCommand } from './commands/eem-sim.js';
import { serveCommand } from './commands/serve.js';

const program = new Command('covalence')
  .description('Composable-infrastructure manager with a Valence v1 compatible API')
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(eemSimCommand());

// Exit codes scripts can rely on: 0 ok, 1 failure, 2 usage (commander's default for usage is 1).
function exitOnUsage(err: CommanderError): never {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) process.exit(0);
  process.exit(2);
}
(function everyCommand(cmd: Command) {
  cmd.exitOverride(exitOnUsage);
  cmd.commands.forEach(everyCommand);
})(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`covalence: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

import { Command } from 'commander';
import { eemSimCommand } from './commands/eem-sim.js';
import { serveCommand } from './commands/serve.js';

const program = new Command('covalence')
  .description('Composable-infrastructure manager with a Valence v1 compatible API')
  .showHelpAfterError()
  .addCommand(serveCommand())
  .addCommand(eemSimCommand());

// Usage errors exit 2 (commander's default is 1), so scripts can tell them from API errors.
program.exitOverride((err) => {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
  process.exit(err.exitCode === 0 ? 0 : 2);
});

await program.parseAsync(process.argv);

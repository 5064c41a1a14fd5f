import './server-heap.js'; // first: V8 takes these settings only before the modules they concern are loaded
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { UsageError } from './client/errors.js';
import { printable } from './client/printable.js';
import { auditCommand } from './commands/audit.js';
import { eventsCommand } from './commands/events.js';
import { completionCommand } from './commands/completion.js';
import { deviceCommand } from './commands/device.js';
import { flavorCommand } from './commands/flavor.js';
import { nodeCommand } from './commands/node.js';
import { podManagerCommand } from './commands/podmanager.js';
import { systemCommand } from './commands/system.js';

const program = new Command('covalence')
  .description('Composable-infrastructure manager with a Valence v1 compatible API')
  .showHelpAfterError();

// The server's modules (fastify, the database, the simulator) take about a second to load; a client
// verb, which scripts call in loops, leaves them out.
const CLIENT_VERBS = ['podmanager', 'device', 'node', 'flavor', 'system', 'audit', 'events'];
if (!CLIENT_VERBS.includes(process.argv[2] ?? '')) {
  const [{ serveCommand }, { eemSimCommand }, { tokenCommand }, { secretsCommand }] = await Promise.all([
    import('./commands/serve.js'), import('./commands/eem-sim.js'), import('./commands/token.js'), import('./commands/secrets.js'),
  ]);
  program.addCommand(serveCommand()).addCommand(eemSimCommand()).addCommand(tokenCommand()).addCommand(secretsCommand());
}
program
  .addCommand(podManagerCommand())
  .addCommand(deviceCommand())
  .addCommand(nodeCommand())
  .addCommand(flavorCommand())
  .addCommand(systemCommand())
  .addCommand(auditCommand())
  .addCommand(eventsCommand())
  .addCommand(completionCommand());

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
  // an API error's detail is the API's text: escaped like any other
  process.stderr.write(`covalence: ${printable(err instanceof Error ? err.message : String(err))}\n`);
  process.exit(err instanceof ConfigError || err instanceof UsageError ? 2 : 1);
}

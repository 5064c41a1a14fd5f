// `covalence eem-sim`: runs the EEM simulator until SIGINT or SIGTERM.
import { Command, InvalidArgumentError, Option } from 'commander';
import { EEM_DEFAULT_PORT, PortInUseError, startEemSim, TOPOLOGY_NAMES, type TopologyName, type TopologySpec } from '../../sim/eem/index.js';

interface EemSimFlags {
  host: string;
  port: number;
  base: string;
  user: string;
  password: string;
  servers?: number;
  devices?: number;
  seed?: number;
  topology?: string;
  named?: TopologyName;
  log: boolean;
}

const GENERATE_FLAGS = ['servers', 'devices', 'seed'];

export function eemSimCommand(): Command {
  return new Command('eem-sim')
    .description('Run a simulated NEC ExpEther Manager (EEM) REST API, with a control API under /_sim')
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port to listen on; 0 takes any free port').default(EEM_DEFAULT_PORT).argParser(port))
    .addOption(new Option('--base <path>', 'base path of the EEM API').default('/eem'))
    .addOption(new Option('--user <user>', 'HTTP Basic user').env('COVALENCE_SIM_USER').default('admin'))
    .addOption(new Option('--password <password>', 'HTTP Basic password').env('COVALENCE_SIM_PASSWORD').default('admin'))
    .addOption(new Option('--servers <n>', 'servers (EESVs) to generate [default: 4]').argParser(count))
    .addOption(new Option('--devices <n>', 'PCIe devices (EEIOs) to generate [default: 16]').argParser(count))
    .addOption(new Option('--seed <n>', 'seed of the generated topology [default: 1]').argParser(count))
    .addOption(new Option('--topology <file>', 'load devices from a JSON file {"devices": [...]}').conflicts([...GENERATE_FLAGS, 'named']))
    .addOption(new Option('--named <name>', 'a named topology').choices(TOPOLOGY_NAMES).conflicts(GENERATE_FLAGS))
    .option('--log', 'log every request', false)
    .action(run);
}

async function run(flags: EemSimFlags): Promise<void> {
  try {
    const sim = await startEemSim({
      host: flags.host,
      port: flags.port,
      base: flags.base,
      user: flags.user,
      password: flags.password,
      topology: topologyOf(flags),
      logger: flags.log,
    });
    const servers = sim.fabric.count({ status: 'eesv' });
    const devices = sim.fabric.count({ status: 'eeio' });
    console.log(`EEM simulator listening on ${sim.url} (${servers} servers, ${devices} devices)`);
    const stop = () =>
      void sim.close().then(
        () => process.exit(0),
        (err: Error) => {
          console.error(`eem-sim: ${err.message}`);
          process.exit(1);
        },
      );
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    console.error(`eem-sim: ${(err as Error).message}${err instanceof PortInUseError ? '; choose another with --port (0 takes any free one)' : ''}`);
    process.exitCode = 1;
  }
}

function topologyOf(flags: EemSimFlags): TopologySpec {
  if (flags.topology !== undefined) return { file: flags.topology };
  if (flags.named !== undefined) return { named: flags.named };
  return { generate: { servers: flags.servers ?? 4, devices: flags.devices ?? 16, seed: flags.seed ?? 1 } };
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number >= 0');
  return Number(value);
}

function port(value: string): number {
  const n = count(value);
  if (n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

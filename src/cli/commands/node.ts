import { Command, Option } from 'commander';
import { route, type Row } from '../client/api.js';
import { runBulk } from '../client/bulk.js';
import { addPropertyFlags, keyValue, positiveInt, PROPERTY_OPTIONS, propertiesOf, repeatable, upTo, type PropertyFlags } from '../client/flags.js';
import { resolveName, resolveOptionalName } from '../client/names.js';
import { session, showVerb, verb } from '../client/verb.js';

const COLUMNS = ['uuid', 'name', 'index', 'podm_id', 'resource_uri'];
/** Nodes one `compose --count` may ask for. */
const MAX_COUNT = 100;
/** A listing also says how each node is: degraded and lost ones with the reason. */
const LIST_COLUMNS = [...COLUMNS, 'state', 'state_reason'];

interface ComposeFlags extends PropertyFlags {
  description?: string;
  podmId?: string;
  flavor?: string;
  dryRun?: boolean;
  count?: number;
  parallel: number;
}

interface RegisterFlags {
  driver?: string;
  driverInfo?: Record<string, string>;
  mac?: string[];
  resourceClass?: string;
  property?: Record<string, string>;
  trait?: string[];
  provisionState?: string;
}

/** `covalence node ...`: composed nodes, from composing to handing them to Ironic. */
export function nodeCommand(): Command {
  const group = new Command('node').description('Composed nodes: a server and the pooled devices attached to it');

  group.addCommand(addPropertyFlags(verb('compose', 'Compose a node from pooled devices (all or nothing), or --count of them')
    .argument('<name>', 'node name; with --count, nodes are named <name>-1 .. <name>-N')
    .option('--description <text>')
    .option('--podm-id <uuid|name>', 'compose on this pod manager (default: any that can)')
    .addOption(new Option('--flavor <uuid|name>', "take the flavor's properties (instead of --type and the other property flags)").conflicts([...PROPERTY_OPTIONS])))
    .option('--dry-run', 'show the server and devices it would take; change nothing')
    .addOption(new Option('--count <n>', `compose n nodes (at most ${MAX_COUNT})`).argParser(upTo(MAX_COUNT)).conflicts('dryRun'))
    .option('--parallel <n>', 'with --count: at most n composes at a time', positiveInt, 4)
    .action(async (name: string, o: ComposeFlags, cmd: Command) => {
      const { api, out } = await session(cmd);
      const [podmId, flavorId] = await Promise.all([resolveOptionalName(api, 'pod manager', o.podmId), resolveOptionalName(api, 'flavor', o.flavor)]);
      const body = (nodeName: string) => ({
        name: nodeName, description: o.description, podm_id: podmId, flavor_id: flavorId, properties: propertiesOf(o),
      });
      if (o.count === undefined) {
        out.show(await api.post('/v1/nodes', body(name), { dry_run: o.dryRun ? 'true' : undefined }));
        return;
      }
      const names = Array.from({ length: o.count }, (_, i) => `${name}-${i + 1}`);
      await runBulk({
        items: names,
        parallel: o.parallel,
        verb: 'composing',
        label: (n) => n,
        work: (n) => api.post('/v1/nodes', body(n)),
        summary: (ok, failed) => `composed ${ok} of ${names.length} node(s)${failed ? `, ${failed} failed` : ''}`,
        show: (nodes) => out.list(nodes, COLUMNS),
      });
    }));

  group.addCommand(verb('manage', 'Adopt a server that is already composed on the fabric as a node')
    .argument('<node-index>', "the server's index (its EEM id, e.g. 0x1111111111)")
    .requiredOption('--podm-id <uuid|name>', 'the pod manager the server is on')
    .action(async (index: string, o: { podmId: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      out.show(await api.post('/v1/nodes/manage', { podm_id: await resolveName(api, 'pod manager', o.podmId), node_index: index }));
    }));

  group.addCommand(verb('list', 'List nodes; the filters match exactly')
    .option('--podm-id <uuid|name>', 'on this pod manager')
    .option('--name <name>', 'with this name')
    .option('--index <index>', "on the server with this index")
    .option('--managed-by <provisioner>', 'registered with this provisioner (ironic)')
    .option('--project-id <project>', "admins only: another project's nodes")
    .action(async (o: { podmId?: string; name?: string; index?: string; managedBy?: string; projectId?: string }, cmd: Command) => {
      const { api, out } = await session(cmd);
      const query = { podm_id: await resolveOptionalName(api, 'pod manager', o.podmId), name: o.name, index: o.index, managed_by: o.managedBy, project_id: o.projectId };
      out.list(await api.get<Row[]>('/v1/nodes', query), LIST_COLUMNS);
    }));

  group.addCommand(showVerb('Show a node, with its live server and its devices', '/v1/nodes', 'node'));

  for (const action of ['attach', 'detach'] as const) {
    group.addCommand(verb(action, `${action === 'attach' ? 'Attach a free device to' : 'Detach a device from'} a node`, { output: false })
      .argument('<node>', 'its uuid or name')
      .argument('<device-uuid>')
      .action(async (node: string, device: string, _o, cmd: Command) => {
        const { api } = await session(cmd);
        await api.post(route`/v1/nodes/${await resolveName(api, 'node', node)}/action`, { [action]: { resource_id: device } });
        process.stdout.write(`Device ${device} ${action}ed ${action === 'attach' ? 'to' : 'from'} node ${node}.\n`);
      }));
  }

  group.addCommand(verb('delete', 'Decompose a node: detach its devices, free its server, delete it').argument('<uuid|name>').action(async (ref: string, _o, cmd: Command) => {
    const { api, out } = await session(cmd);
    const answer = await api.delete<{ detail: string }>(route`/v1/nodes/${await resolveName(api, 'node', ref)}`);
    out.message(answer.detail, answer);
  }));

  group.addCommand(verb('register', 'Hand a node to Ironic: node, ports and provision state')
    .argument('<uuid|name>')
    .option('--driver <type>', 'Ironic hardware type (default: the server\'s --ironic-default-driver)')
    .option('--driver-info <key=value>', 'BMC address and credentials (ipmi_address=..., ipmi_username=...); repeatable', keyValue)
    .option('--mac <address>', 'a port to create; repeatable', repeatable)
    .option('--resource-class <class>')
    .option('--property <key=value>', 'an Ironic node property (cpus=8); repeatable', keyValue)
    .option('--trait <trait>', 'a trait (CUSTOM_COMPOSED); repeatable', repeatable)
    .option('--provision-state <state>', 'move it to manageable or available (default: stay in enroll)')
    .action(async (ref: string, o: RegisterFlags, cmd: Command) => {
      const { api, out } = await session(cmd);
      out.show(await api.post(route`/v1/nodes/${await resolveName(api, 'node', ref)}/register`, {
        driver_info: o.driverInfo ?? {}, driver: o.driver, macs: o.mac, resource_class: o.resourceClass,
        properties: o.property, traits: o.trait, provision_state: o.provisionState,
      }));
    }));

  group.addCommand(verb('deregister', 'Remove a node from Ironic (refused while it is deployed or busy)').argument('<uuid|name>').action(async (ref: string, _o, cmd: Command) => {
    const { api, out } = await session(cmd);
    out.show(await api.post(route`/v1/nodes/${await resolveName(api, 'node', ref)}/deregister`));
  }));

  return group;
}

import { Command } from 'commander';
import { ApiClient } from '../client/api.js';
import { followStream } from '../client/event-stream.js';
import { resolveEndpoint, type EndpointFlags } from '../client/endpoint.js';
import { printable } from '../client/printable.js';
import { verb } from '../client/verb.js';

interface Flags extends EndpointFlags {
  since?: string;
  kind?: string;
  podmId?: string;
  nodeId?: string;
  follow: boolean;
  output: 'table' | 'json' | 'yaml';
}

/** A pause before reconnecting after the stream dropped (the server restarting, a proxy's timeout). */
const RECONNECT_MS = 1_000;

/**
 * `covalence events`: follows the event stream, one line (or JSON object) per event, as they happen;
 * reconnects with the last sequence seen, so nothing is missed or printed twice. `--no-follow`
 * prints what is kept after `--since` and stops.
 */
export function eventsCommand(): Command {
  return verb('events', 'Follow what covalence changes or observes, as it happens (the event stream)')
    .option('--since <seq>', 'start after this sequence number (default: from now on; 0: everything kept)')
    .option('--kind <kinds>', 'comma-separated, e.g. node.composed,device.state_changed')
    .option('--podm-id <uuid>', "only this pod manager's events")
    .option('--node-id <uuid>', "only this node's events")
    .option('--no-follow', 'print the events kept after --since and stop')
    .action(async (o: Flags) => {
      const { url, token } = resolveEndpoint(o);
      const query = new URLSearchParams(Object.entries({ kind: o.kind, podm_id: o.podmId, node_id: o.nodeId }).filter((e): e is [string, string] => e[1] !== undefined));
      const print = await printer(o.output);
      if (!o.follow) {
        const page = await new ApiClient(url, token).get<Array<Record<string, unknown>>>('/v1/events', { ...Object.fromEntries(query), since: o.since ?? '0', limit: '1000' });
        for (const e of page) print(e);
        return;
      }
      let last = o.since;
      for (;;) {
        const stream = followStream(`${url}/v1/events/stream?${query}`, { ...(token && { token }), ...(last !== undefined && { lastEventId: last }) });
        for await (const m of stream) {
          print(JSON.parse(m.data) as Record<string, unknown>);
          last = m.id ?? last;
        }
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    });
}

/** A line a person reads (sequence, time, kind, target, what changed), or the event itself for scripts. */
async function printer(format: Flags['output']): Promise<(e: Record<string, unknown>) => void> {
  if (format === 'json') return (e) => process.stdout.write(`${JSON.stringify(e)}\n`);
  if (format === 'yaml') {
    const { stringify } = await import('yaml');
    return (e) => process.stdout.write(`---\n${stringify(e)}`);
  }
  return (e) => {
    const change = [e.before && `from ${JSON.stringify(e.before)}`, e.after && `to ${JSON.stringify(e.after)}`].filter(Boolean).join(' ');
    process.stdout.write(`${printable([e.seq, e.time, e.kind, e.target, change].join('  '))}\n`);
  };
}

// `npm run bench`: every scenario against the EEM simulator on loopback; writes
// bench/results/latest.json and latest.md, and prints the Markdown (a few minutes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCompose } from './compose.js';
import { benchEemListing, formatEemListing } from './eem-listing.js';
import { benchEvents } from './events.js';
import { markdownTable, progress } from './measure.js';
import { benchPool } from './pool.js';
import { benchReplicas, replicaTable } from './replicas.js';
import { targetTable } from './targets.js';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const started = Date.now();

progress('EEM simulator listing…');
const eem = await benchEemListing();
const pool = await benchPool();
const compose = await benchCompose();
progress('event stream…');
const events = await benchEvents();
progress('replicas on PostgreSQL…');
const replicas = await benchReplicas();
progress('');

const markdown = [
  `Machine: ${machine}. Run: \`npm run bench\` (${new Date(started).toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s).`,
  '',
  "**Issue 16's figures**: covalence as a `covalence serve` process on SQLite, each EEM simulator a process of its own, the load from a third",
  '',
  targetTable(pool, compose),
  '',
  '**GET /v1/devices** in detail (closed loop, keep-alive; `304`: `If-None-Match` with the current ETag)',
  '',
  markdownTable(['devices', 'encoding', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'body bytes'],
    pool.flatMap((p) => p.listing.map((r) => [p.devices, r.encoding, r.connections, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.bytes]))),
  '',
  '**EEM calls per verb** (one NIC; EEM answering at once)',
  '',
  markdownTable(['verb', 'EEM calls', 'which'], compose.verbs.map((v) => [v.verb, v.eemCalls, v.calls])),
  '',
  '**Compose** of a 1-NIC node (400 servers, 4,000 devices; covalence and the simulator each a process of its own)',
  '',
  markdownTable(['EEM latency ms', 'clients', 'composes', 'composes/s', 'median ms', 'p99 ms', 'double assignments'],
    compose.rates.map((r) => [r.latencyMs, r.clients, r.composes, r.composesPerSecond, r.medianMs, r.p99Ms, r.doubleAssignments])),
  '',
  '**EEM simulator**: full `GET devices/detail` over HTTP, warm',
  '',
  formatEemListing(eem),
  '',
  '**Event stream**: a change (PATCH of a pod manager) to its event on `GET /v1/events/stream`, one change at a time; then a burst of changes from 4 writers followed by many clients',
  '',
  markdownTable(['changes', 'change → event p50 ms', 'p99 ms'], [[events.delay.samples, events.delay.p50Ms, events.delay.p99Ms]]),
  '',
  markdownTable(['stream clients', 'events', 'seconds', 'events/s per client', 'deliveries/s'],
    [[events.throughput.clients, events.throughput.events, events.throughput.seconds, events.throughput.eventsPerSecondPerClient, events.throughput.deliveriesPerSecond]]),
  '',
  '**Replicas**: real `covalence serve` processes, clients spread over them',
  '',
  replicaTable(replicas),
].join('\n');

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ machine, date: new Date(started).toISOString(), eem, pool, compose, events, replicas }, null, 2));
writeFileSync('bench/results/latest.md', `${markdown}\n`);
process.stdout.write(`${markdown}\n`);

// `npm run bench`: every scenario against the EEM simulator on loopback; writes
// bench/results/latest.json and latest.md, and prints the Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchApiRates } from './api-rates.js';
import { benchCompose } from './compose.js';
import { benchEemListing, formatEemListing } from './eem-listing.js';
import { benchEvents } from './events.js';
import { markdownTable, progress } from './measure.js';
import { benchReplicas, replicaTable } from './replicas.js';
import { benchSync } from './sync.js';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const started = Date.now();

progress('EEM simulator listing…');
const eem = await benchEemListing();
progress('sync…');
const sync = await benchSync();
progress('API request rates…');
const rates = await benchApiRates();
const compose = await benchCompose();
progress('event stream…');
const events = await benchEvents();
progress('replicas on PostgreSQL…');
const replicas = await benchReplicas();
progress('');

const table = markdownTable;

const markdown = [
  `Machine: ${machine}. Run: \`npm run bench\` (${new Date(started).toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s).`,
  '',
  '**EEM simulator**: full `GET devices/detail` over HTTP, warm',
  '',
  formatEemListing(eem),
  '',
  '**Sync** of one pod manager (first sync adds every device; resync finds nothing changed)',
  '',
  table(['servers', 'devices', 'first sync ms', 'resync ms', 'EEM calls per sync', 'peak RSS MiB (covalence + simulator)'],
    sync.map((r) => [r.servers, r.devices, r.firstSyncMs, r.resyncMs, r.eemCalls, r.peakRssMiB])),
  '',
  '**Read API**',
  '',
  table(['endpoint', 'pool', 'clients', 'requests/s'], rates.map((r) => [r.endpoint, `${r.devices} devices`, r.clients, r.requestsPerSecond])),
  '',
  '**Compose** (400 servers, 4,000 devices)',
  '',
  table(['devices per node', 'median ms', 'p99 ms', 'EEM calls per compose'], compose.latency.map((r) => [r.devices, r.medianMs, r.p99Ms, r.eemCallsPerCompose])),
  '',
  table(['parallel clients', 'composes', 'composes/s', 'median ms', 'p99 ms'],
    [[compose.throughput.clients, compose.throughput.composes, compose.throughput.composesPerSecond, compose.throughput.medianMs, compose.throughput.p99Ms]]),
  '',
  table(['operation', 'samples', 'median ms', 'p99 ms'], compose.attach.map((r) => [r.operation, r.samples, r.medianMs, r.p99Ms])),
  '',
  '**Event stream**: a change (PATCH of a pod manager) to its event on `GET /v1/events/stream`, one change at a time; then a burst of changes from 4 writers followed by many clients',
  '',
  table(['changes', 'change → event p50 ms', 'p99 ms'], [[events.delay.samples, events.delay.p50Ms, events.delay.p99Ms]]),
  '',
  table(['stream clients', 'events', 'seconds', 'events/s per client', 'deliveries/s'],
    [[events.throughput.clients, events.throughput.events, events.throughput.seconds, events.throughput.eventsPerSecondPerClient, events.throughput.deliveriesPerSecond]]),
  '',
  '**Replicas**: real `covalence serve` processes, clients spread over them',
  '',
  replicaTable(replicas),
].join('\n');

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ machine, date: new Date(started).toISOString(), eem, sync, rates, compose, events, replicas }, null, 2));
writeFileSync('bench/results/latest.md', `${markdown}\n`);
process.stdout.write(`${markdown}\n`);

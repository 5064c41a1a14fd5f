import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What the pool and the journal look like now; read at scrape time. */
export interface Snapshot {
  pool(): Promise<Array<{ podm: string; type: string; state: string; count: number }>>;
  nodes(): Promise<Array<{ podm: string; state: string; count: number }>>;
  openOperations(): Promise<number>;
  /** Every pod manager, and whether its last listing is distrusted (not applied, awaiting confirmation). */
  suspectListings(): Promise<Array<{ podm: string; suspect: boolean }>>;
}

/** Every metric covalence exposes at /metrics, in one registry per process. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'covalence_http_request_duration_seconds', help: 'API requests by route, method and status',
    labelNames: ['route', 'method', 'status'], buckets: SECONDS, registers: [this.registry],
  });

  readonly outboundCalls = new Histogram({
    name: 'covalence_outbound_call_duration_seconds',
    help: 'Calls to EEMs and Ironic by target (eem, ironic, keystone), pod manager, operation and outcome',
    labelNames: ['target', 'podm', 'operation', 'outcome'], buckets: SECONDS, registers: [this.registry],
  });

  readonly syncRuns = new Histogram({
    name: 'covalence_sync_duration_seconds', help: 'Syncs by pod manager and status',
    labelNames: ['podm', 'status'], buckets: SECONDS, registers: [this.registry],
  });

  readonly syncChanges = new Counter({
    name: 'covalence_sync_changes_total', help: 'Devices a sync changed, by pod manager and kind of change',
    labelNames: ['podm', 'change'], registers: [this.registry],
  });

  readonly nodeOperations = new Counter({
    name: 'covalence_node_operations_total', help: 'Compose, attach, detach, decompose, register by outcome',
    labelNames: ['operation', 'outcome'], registers: [this.registry],
  });

  readonly eventsWritten = new Counter({
    name: 'covalence_events_written_total', help: 'Events this process recorded, by kind',
    labelNames: ['kind'], registers: [this.registry],
  });

  readonly streamClients = new Gauge({
    name: 'covalence_event_stream_clients', help: 'Clients following GET /v1/events/stream on this process',
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'covalence_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome (delivered, failed, dead_lettered)',
    labelNames: ['outcome'], registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'covalence_webhook_dead_letters_total', help: 'Events a subscription gave up on after its last retry',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'covalence_process_' });
  }

  /** Gauges computed from the store when scraped. */
  watch(snapshot: Snapshot): void {
    new Gauge({
      name: 'covalence_pool_devices', help: 'Devices in the pool by pod manager, type and state',
      labelNames: ['podm', 'type', 'state'], registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await snapshot.pool()) this.set({ podm: row.podm, type: row.type, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'covalence_nodes', help: 'Nodes by pod manager and state (degraded, lost: see their state_reason)',
      labelNames: ['podm', 'state'], registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await snapshot.nodes()) this.set({ podm: row.podm, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'covalence_journal_operations_open', help: 'Journalled fabric operations running or waiting for recovery',
      registers: [this.registry],
      async collect() {
        this.set(await snapshot.openOperations());
      },
    });
    new Gauge({
      name: 'covalence_pod_manager_listing_suspect',
      help: "1 while a pod manager's last listing is distrusted (dropped every server or too many devices) and not applied",
      labelNames: ['podm'], registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await snapshot.suspectListings()) this.set({ podm: row.podm }, row.suspect ? 1 : 0);
      },
    });
  }
}

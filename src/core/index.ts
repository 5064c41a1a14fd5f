import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Provisioner } from '../provision/index.js';
import type { Store } from '../store/database.js';
import { poolCounts } from '../store/devices.js';
import { nodeCounts } from '../store/nodes.js';
import { countOpenOperations } from '../store/operations.js';
import { listPodManagers } from '../store/pod-managers.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { OutboundCalls } from '../telemetry/outbound.js';
import { ApiTokens } from './access/api-tokens.js';
import { Audit } from './access/audit.js';
import { Authenticator, type Authentication } from './access/authentication.js';
import type { Caller } from './access/caller.js';
import type { SecretBox } from './access/secret-box.js';
import type { CoreContext, CoreSettings } from './context.js';
import { readiness, type Readiness } from './health.js';
import { WebhookTargets } from './events/webhook-targets.js';
import { Deliveries, type RenderEvent } from './events/deliveries.js';
import { Events } from './events/events.js';
import { EventHub } from './events/hub.js';
import { Subscriptions } from './events/subscriptions.js';
import { Attach } from './nodes/attach.js';
import { Compose } from './nodes/compose.js';
import { Decompose } from './nodes/decompose.js';
import { Detach } from './nodes/detach.js';
import { Journal } from './nodes/journal.js';
import { Manifests } from './nodes/manifests.js';
import { Nodes } from './nodes/nodes.js';
import { Recovery, type RecoveryTable } from './nodes/recovery.js';
import { Registrations } from './nodes/registrations.js';
import { Devices } from './pool/devices.js';
import { DriverPool } from './pool/driver-pool.js';
import { Flavors } from './pool/flavors.js';
import { PodManagers } from './pool/pod-managers.js';
import { PoolRevision } from './pool/revision.js';
import { PooledServers } from './pool/servers.js';
import { Sync } from './pool/sync.js';
import { Systems } from './pool/systems.js';
import { Probes } from './pool/probes.js';
import { Scheduler } from './scheduler.js';
import { Tasks } from './tasks.js';

export { CoreError, type CoreErrorKind, CORE_ERROR_KINDS, storeFailure } from './errors.js';
export { DEFAULT_SETTINGS, type CoreSettings } from './context.js';
export type { PodManager, PodManagerInput, PodManagerChanges, PodManagerRemoval } from './pool/pod-managers.js';
export type { Device, DeviceFilter, DevicePage, DevicePageRequest, DeviceSummary } from './pool/devices.js';
export type { PoolRevision } from './pool/revision.js';
export type { Flavor, FlavorInput, FlavorProperties } from './pool/flavors.js';
export type { Node, NodeDetail, NodeAction, ComposePlan, ComposeRequest } from './nodes/nodes.js';
export { NODE_TRANSITIONS } from './nodes/states.js';
export type { CompositionReservation, ManifestStanza, StanzaPlan } from './nodes/manifests.js';
export type { SyncReport } from './pool/sync.js';
export type { RegisterSpec, Registration } from './nodes/registrations.js';
export { REGISTER_TARGETS } from '../provision/index.js';
export type { System, SystemListing } from './pool/systems.js';
export type { PooledServer } from './pool/servers.js';
export type { Readiness } from './health.js';
export type { Task } from './tasks.js';
export type { Event, EventQuery } from './events/event.js';
export type { Events, Following } from './events/events.js';
export type { DeadLetter, Subscription, SubscriptionInput, Subscriptions } from './events/subscriptions.js';
export { SIGNATURE_HEADER, sign } from './events/webhook.js';
export { SecretBox, loadSecretBox } from './access/secret-box.js';
export { rotateKey } from './access/key-rotation.js';
export { hasRole, type Caller } from './access/caller.js';
export { ApiTokens } from './access/api-tokens.js';
export { Audit, type AuditEntry, type AuditEvent } from './access/audit.js';
export type { Authentication } from './access/authentication.js';

export interface Core {
  readonly podManagers: PodManagers;
  readonly devices: Devices;
  /** Advanced by every write to the inventory: what the API's prepared answers are keyed by. */
  readonly revision: PoolRevision;
  readonly systems: Systems;
  /** Servers as the last sync stored them (no fabric call). */
  readonly servers: PooledServers;
  readonly flavors: Flavors;
  readonly nodes: Nodes;
  /** Manifests of compositions: preview, reserve, apply (Redfish's Compose action). */
  readonly manifests: Manifests;
  /** Requests answered at once and run on (Redfish's 202 with a task monitor). */
  readonly tasks: Tasks;
  readonly sync: Sync;
  readonly audit: Audit;
  /** The event log: read a page at a time or followed live. */
  readonly events: Events;
  /** Webhooks, delivered in the background. */
  readonly subscriptions: Subscriptions;
  /** Starts reading events (from the newest on) and delivering webhooks; before serving. */
  startEvents(): Promise<void>;
  readonly scheduler: Scheduler;
  readonly store: Store;
  readonly metrics: Metrics;
  /** The caller a request's token stands for, in the configured `--auth` mode. */
  authenticate(token: string | undefined): Promise<Caller>;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

export interface CoreDeps {
  store: Store;
  log: Logger;
  secrets: SecretBox;
  settings: CoreSettings;
  authentication: Authentication;
  /** Ironic, when configured. */
  provisioner?: Provisioner;
  /** Hardware type for a register that names none. */
  defaultDriver?: string;
  metrics: Metrics;
  outbound: OutboundCalls;
  /** A webhook delivery's body: the API's view of the event. */
  renderEvent: RenderEvent;
}

/** Wires the domain services together; nothing here talks to the network yet. */
export function createCore(deps: CoreDeps): Core {
  const { provisioner, defaultDriver = 'ipmi', outbound, authentication, renderEvent, ...shared } = deps;
  const drivers = new DriverPool(deps.secrets, deps.settings, (url, podm) => outbound.watch(url, 'eem', podm), deps.log);
  const ctx: CoreContext = { ...shared, drivers, holder: randomUUID() };
  deps.metrics.watch({
    pool: async () => (await poolCounts(deps.store.db)).map((r) => ({ podm: r.podm_id, type: r.type ?? 'untyped', state: r.state, count: r.count })),
    nodes: async () => (await nodeCounts(deps.store.db)).map((r) => ({ podm: r.podm_id, state: r.state, count: r.count })),
    openOperations: () => countOpenOperations(deps.store.db),
    suspectListings: async () => (await listPodManagers(deps.store.db)).map((p) => ({ podm: p.name, suspect: p.suspect_listing !== null })),
  });
  const journal = new Journal(ctx);
  const registrations = new Registrations(ctx, journal, provisioner, defaultDriver);
  const sync = new Sync(ctx);
  const flavors = new Flavors(ctx);
  const verbs = {
    compose: new Compose(ctx, journal, flavors, sync),
    attach: new Attach(ctx, journal, sync, registrations),
    detach: new Detach(ctx, journal, sync, registrations),
    decompose: new Decompose(ctx, journal, sync, registrations),
    registrations,
  };
  const podManagers = new PodManagers(ctx, verbs.decompose, sync);
  const nodes = new Nodes(ctx, podManagers, verbs, sync);
  const recovery = new Recovery(ctx, journal, {
    compose: verbs.compose,
    attach: verbs.attach,
    detach: verbs.detach,
    decompose: verbs.decompose,
    register: registrations,
    deregister: registrations,
  } satisfies RecoveryTable);
  const probes = new Probes(ctx);
  const scheduler = new Scheduler(ctx, recovery, sync, probes);
  const hub = new EventHub(ctx);
  const events = new Events(ctx, hub);
  const webhookTargets = new WebhookTargets(ctx.settings.webhookDeny);
  const deliveries = new Deliveries(ctx, hub, renderEvent, webhookTargets);
  const authenticator = new Authenticator(authentication, new ApiTokens(deps.store.db));
  return {
    podManagers,
    devices: new Devices(ctx),
    revision: new PoolRevision(deps.store),
    systems: new Systems(ctx, podManagers),
    servers: new PooledServers(ctx),
    flavors,
    nodes,
    manifests: new Manifests(ctx, verbs.compose, nodes),
    tasks: new Tasks(ctx),
    sync,
    audit: new Audit(deps.store.db),
    events,
    subscriptions: new Subscriptions(ctx, hub, deliveries, webhookTargets),
    async startEvents() {
      await events.start();
      deliveries.start();
    },
    scheduler,
    store: deps.store,
    metrics: deps.metrics,
    authenticate: (token) => authenticator.authenticate(token),
    readiness: () => readiness(ctx, probes),
    async close() {
      sync.stop();
      await scheduler.stop();
      deliveries.close();
      await webhookTargets.close();
      events.close();
      journal.close();
      await authenticator.close();
      await ctx.drivers.close();
      await provisioner?.close();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import { buildApp } from './api/app.js';
import { eventView } from './api/resources/events/view.js';
import { createCore, DEFAULT_SETTINGS, loadSecretBox, type Authentication, type Core } from './core/index.js';
import { checkOperations, checkSecurity, checkWebhookDeny, ironicConfig, keystoneValidatorConfig, type ServeConfig } from './config.js';
import { KeystoneValidator } from './identity/keystone-validator.js';
import { createProvisioner } from './provision/index.js';
import { PortInUseError, startEemSim, type EemSim } from './sim/eem/index.js';
import { openStore } from './store/database.js';
import { Metrics } from './telemetry/metrics.js';
import { OutboundCalls } from './telemetry/outbound.js';
import { currentRequest } from './telemetry/request-context.js';

export interface Service {
  readonly app: FastifyInstance;
  readonly core: Core;
  /** The in-process EEM simulator of demo mode. */
  readonly demoEem: EemSim | undefined;
  /** Where the API listens, e.g. `http://127.0.0.1:8181`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * One JSON line per event (human-readable on a terminal), to stdout unless a destination is given.
 * Lines written while serving a request carry its id, core's included. Request bodies are never
 * logged; credentials are redacted wherever they could appear.
 */
export function createLogger(level: string, pretty: boolean, destination?: DestinationStream): Logger {
  const options = {
    level,
    mixin: (_merge: object, _level: number, logger: Logger) => ('reqId' in logger.bindings() ? {} : currentRequest()),
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers["x-auth-token"]', 'req.headers["x-subject-token"]', 'req.headers.cookie',
        'password', '*.password', '*.*.password', 'token', '*.token',
      ],
      censor: '***',
    },
    ...(pretty && { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }),
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Opens the store, recovers unfinished work, starts the API (and the demo EEM), then syncs
 * periodically. What it has taken is released in reverse order on close, and also when a later
 * step of the start fails, so a failed start leaves no store lock, timer or listening port behind.
 */
export async function startService(config: ServeConfig, log: Logger): Promise<Service> {
  checkSecurity(config);
  checkOperations(config);
  checkWebhookDeny(config);
  const ironic = ironicConfig(config);
  const authentication = authenticationOf(config);
  const closers: Array<() => unknown> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) {
      try {
        await closer();
      } catch (err) {
        log.warn({ err: String(err) }, 'while stopping');
      }
    }
  };
  try {
    const store = await openStore(config.db, { poolSize: config.dbPool, serve: true });
    closers.push(() => store.close());
    const secrets = loadSecretBox(config.secretKeyFile);
    const metrics = new Metrics();
    const outbound = new OutboundCalls(metrics);
    closers.push(() => outbound.close());
    if (ironic?.url) outbound.watch(ironic.url, 'ironic');
    if (ironic?.auth.type === 'keystone') outbound.watch(ironic.auth.authUrl, 'keystone');
    if (authentication.mode === 'keystone') outbound.watch(config.keystoneUrl, 'keystone');
    const demo = config.demo ? await startDemoEem(config, log) : undefined;
    if (demo) {
      closers.push(async () => {
        demo.save();
        await demo.sim.close();
      });
    }
    const core = createCore({
      store, log, secrets, metrics, outbound, authentication, renderEvent: (e) => JSON.stringify(eventView(e)),
      ...(ironic && { provisioner: createProvisioner(ironic), defaultDriver: ironic.defaultDriver }),
      settings: {
        ...DEFAULT_SETTINGS,
        connectTimeoutMs: config.eemConnectTimeout * 1000,
        readTimeoutMs: config.eemReadTimeout * 1000,
        removedGraceMs: config.removedGrace * 1000,
        listingDropShare: config.listingDropPercent / 100,
        listingConfirmMs: config.listingConfirmDelay * 1000,
        leaseMs: config.lease * 1000,
        reservationMs: config.redfishReservation * 1000,
        operationTimeoutMs: config.operationTimeout * 1000,
        undoRetryBaseMs: config.undoRetryBase * 1000,
        undoRetryCapMs: config.undoRetryCap * 1000,
        eventRetentionMs: config.eventRetention * 1000,
        eventPollMs: config.eventPoll * 1000,
        webhookMaxAttempts: config.webhookMaxAttempts,
        webhookRetryBaseMs: config.webhookRetryBase * 1000,
        webhookRetryCapMs: config.webhookRetryCap * 1000,
        webhookTimeoutMs: config.webhookTimeout * 1000,
        webhookDeny: config.webhookDeny,
        probeIntervalMs: config.eemProbeInterval * 1000,
        ...(config.pciIds && { pciIdsPath: config.pciIds }),
        ...(config.eemCaFile && { eemCa: readFileSync(config.eemCaFile, 'utf8') }),
      },
    });
    closers.push(() => core.close());
    await core.startEvents();
    await core.scheduler.start(config.syncInterval * 1000);
    const app = await buildApp({
      core, logger: log, bodyLimit: config.bodyLimit, corsOrigins: config.corsOrigin,
      ...(config.tlsCert && { tls: { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } }),
    });
    closers.push(() => app.close());
    const url = await app.listen({ host: config.host, port: config.port });
    if (demo) {
      await registerDemoPodManager(core, demo, log);
      const saver = setInterval(demo.save, 5_000).unref();
      closers.push(() => clearInterval(saver));
    }
    log.info({ url, db: config.db.replace(/\/\/[^@]*@/, '//***@'), demo: config.demo, auth: config.auth }, 'covalence is serving');
    if (config.auth === 'noauth') log.warn('--auth noauth: every caller is an admin of project "default"');
    return { app, core, url, demoEem: demo?.sim, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function authenticationOf(config: ServeConfig): Authentication {
  switch (config.auth) {
    case 'noauth':
    case 'token':
      return { mode: config.auth };
    case 'keystone':
      return { mode: 'keystone', validator: new KeystoneValidator(keystoneValidatorConfig(config)) };
  }
}

const DEMO_EEM_USER = 'demo';

/** The in-process EEM of demo mode and what it takes to keep its state across restarts. */
interface DemoEem {
  readonly sim: EemSim;
  readonly password: string;
  /** Writes the simulated fabric to the data directory, as real hardware would keep it. */
  save(): void;
}

/**
 * The demo's EEM has a password of its own in the data directory, so the credentials in the store
 * are as real as an operator's, and its fabric is saved there, so composed nodes survive a restart.
 */
async function startDemoEem(config: ServeConfig, log: Logger): Promise<DemoEem> {
  mkdirSync(config.dataDir, { recursive: true });
  const passwordFile = join(config.dataDir, 'demo-eem.password');
  const stateFile = join(config.dataDir, 'demo-eem.json');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(12).toString('hex'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const topology = existsSync(stateFile) ? { file: stateFile } : { named: 'demo' as const };
  const sim = await startEemSim({ port: config.demoEemPort, user: DEMO_EEM_USER, password, topology }).catch((err: unknown) => {
    throw err instanceof PortInUseError ? new Error(`the demo EEM simulator cannot start: ${err.message}; choose another with --demo-eem-port`) : err;
  });
  log.info({ url: sim.url, topology: 'file' in topology ? stateFile : 'demo' }, 'demo EEM simulator started');
  return { sim, password, save: () => writeFileSync(stateFile, JSON.stringify({ devices: sim.fabric.list() })) };
}

async function registerDemoPodManager(core: Core, demo: DemoEem, log: Logger): Promise<void> {
  const existing = (await core.podManagers.list()).find((p) => p.name === 'demo');
  if (existing) return;
  log.info('registering the demo EEM as pod manager "demo"');
  await core.podManagers.create({ name: 'demo', url: demo.sim.url, driver: 'expether', username: DEMO_EEM_USER, password: demo.password });
}

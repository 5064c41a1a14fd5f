import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseCidr, WEBHOOK_DENY_DEFAULT } from './core/events/webhook-targets.js';
import type { KeystoneValidatorConfig } from './identity/keystone-validator.js';
import type { IronicConfig } from './provision/index.js';
import { AUTH_MODES, type AuthMode } from './shared/vocabulary.js';

/** Everything `covalence serve` can be told, from flags, `COVALENCE_…` variables or a JSON file. */
export interface ServeConfig {
  host: string;
  port: number;
  /** `sqlite:PATH` (default `sqlite:./data/covalence.sqlite`) or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`. */
  db: string;
  /** PostgreSQL: connections this process keeps at most. */
  dbPool: number;
  /**
   * Seconds a journalled operation or a sync may go unrenewed before another process takes it over
   * (PostgreSQL replicas; with SQLite a restart recovers at once).
   */
  lease: number;
  /** Starts the EEM simulator in-process and registers it as pod manager `demo`. */
  demo: boolean;
  demoEemPort: number;
  /** Seconds between periodic syncs; 0 turns periodic sync off. */
  syncInterval: number;
  secretKeyFile: string;
  eemConnectTimeout: number;
  eemReadTimeout: number;
  /** Seconds one node operation may spend on the fabric, all its EEM calls together. */
  operationTimeout: number;
  /** Seconds before a failed undo is tried again; the pause doubles each time, up to `undoRetryCap`. */
  undoRetryBase: number;
  undoRetryCap: number;
  /** Seconds a device the fabric stopped reporting stays listed as `removed`. */
  removedGrace: number;
  /** Seconds events are kept; a reader resuming from before is told so. */
  eventRetention: number;
  /** Seconds between looks for events written by other replicas (a replica's own are read at once). */
  eventPoll: number;
  /** Webhooks: tries of one event before it is dead-lettered; seconds before the first retry (doubling), at most the cap; per delivery. */
  webhookMaxAttempts: number;
  webhookRetryBase: number;
  webhookRetryCap: number;
  webhookTimeout: number;
  /** Networks (CIDR) webhooks are never delivered to. */
  webhookDeny: string[];
  /** Percent (0..100) of the known devices a listing may drop and still be applied without a second listing. */
  listingDropPercent: number;
  /** Seconds after a distrusted listing (no server, or too many devices dropped) that a second, agreeing one confirms it. */
  listingConfirmDelay: number;
  /** Seconds SIGTERM waits for in-flight requests and fabric operations. */
  shutdownTimeout: number;
  /** Seconds a Redfish composition reservation (PreviewReserve) holds its blocks. */
  redfishReservation: number;
  logLevel: string;
  dataDir: string;
  /** Ironic: its URL (unset: register is unavailable unless Keystone's catalog names it). */
  ironicUrl: string;
  ironicAuth: string;
  ironicUser: string;
  ironicPassword: string;
  ironicDefaultDriver: string;
  /** Seconds per Ironic request. */
  ironicTimeout: number;
  ironicCaFile: string;
  ironicInsecure: boolean;
  keystoneUrl: string;
  keystoneUser: string;
  keystonePassword: string;
  keystoneProject: string;
  keystoneUserDomain: string;
  keystoneProjectDomain: string;
  keystoneRegion: string;
  /** Who may call the API: `noauth` (loopback only, unless insecureNoauth), `token` or `keystone`. */
  auth: AuthMode;
  /** Lets `noauth` listen on an address other than loopback: everyone who can connect is an admin. */
  insecureNoauth: boolean;
  /** Seconds a Keystone answer about a token is reused. */
  keystoneCacheTtl: number;
  /** PEM files: with both, the API answers HTTPS only. */
  tlsCert: string;
  tlsKey: string;
  /** PEM CA bundle for the EEMs' certificates (the system's CAs when unset). */
  eemCaFile: string;
  /** Seconds between the cheap checks of each EEM that /readyz reports; 0 turns them off. */
  eemProbeInterval: number;
  /** The PCI ID database that names devices ('' : /usr/share/hwdata/pci.ids or /usr/share/misc/pci.ids). */
  pciIds: string;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigin: string[];
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
}

export const SERVE_DEFAULTS: ServeConfig = {
  host: '127.0.0.1',
  port: 8181,
  db: 'sqlite:./data/covalence.sqlite',
  dbPool: 10,
  lease: 120,
  demo: false,
  demoEemPort: 30500,
  syncInterval: 30,
  secretKeyFile: './data/secret.key',
  eemConnectTimeout: 10,
  eemReadTimeout: 30,
  operationTimeout: 120,
  undoRetryBase: 2,
  undoRetryCap: 300,
  removedGrace: 600,
  listingDropPercent: 50,
  listingConfirmDelay: 5,
  shutdownTimeout: 30,
  redfishReservation: 300,
  eventRetention: 7 * 24 * 3600,
  eventPoll: 1,
  webhookMaxAttempts: 8,
  webhookRetryBase: 1,
  webhookRetryCap: 300,
  webhookTimeout: 10,
  webhookDeny: [...WEBHOOK_DENY_DEFAULT],
  logLevel: 'info',
  dataDir: './data',
  ironicUrl: '',
  ironicAuth: 'none',
  ironicUser: '',
  ironicPassword: '',
  ironicDefaultDriver: 'ipmi',
  ironicTimeout: 30,
  ironicCaFile: '',
  ironicInsecure: false,
  keystoneUrl: '',
  keystoneUser: '',
  keystonePassword: '',
  keystoneProject: '',
  keystoneUserDomain: 'Default',
  keystoneProjectDomain: 'Default',
  keystoneRegion: '',
  auth: 'noauth',
  insecureNoauth: false,
  keystoneCacheTtl: 60,
  tlsCert: '',
  tlsKey: '',
  eemCaFile: '',
  eemProbeInterval: 5,
  pciIds: '',
  corsOrigin: [],
  bodyLimit: 1 << 20,
};

export class ConfigError extends Error {}

/** The settings that size the database side; the URL's password never appears in the message. */
export function checkDatabase(c: Pick<ServeConfig, 'db' | 'dbPool' | 'lease'>): void {
  if (!/^sqlite:./.test(c.db) && !/^postgres(ql)?:\/\/./.test(c.db)) {
    throw new ConfigError(`--db must be sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE, got '${c.db.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')}'`);
  }
  if (c.dbPool < 1) throw new ConfigError('--db-pool must be at least 1');
  if (c.lease < 1) throw new ConfigError('--lease must be at least 1 second');
}

/** Deadlines and retry pauses must be positive: a zero pause would retry in a busy loop. */
export function checkOperations(c: Pick<ServeConfig, 'operationTimeout' | 'undoRetryBase' | 'undoRetryCap' | 'eventPoll' | 'webhookRetryBase' | 'webhookMaxAttempts'>): void {
  if (!(c.operationTimeout > 0)) throw new ConfigError('--operation-timeout must be more than 0 seconds');
  if (!(c.undoRetryBase > 0)) throw new ConfigError('--undo-retry-base must be more than 0 seconds');
  if (!(c.undoRetryCap >= c.undoRetryBase)) throw new ConfigError('--undo-retry-cap must be at least --undo-retry-base');
  if (!(c.eventPoll > 0)) throw new ConfigError('--event-poll must be more than 0 seconds');
  if (!(c.webhookRetryBase > 0)) throw new ConfigError('--webhook-retry-base must be more than 0 seconds');
  if (!(c.webhookMaxAttempts >= 1)) throw new ConfigError('--webhook-max-attempts must be at least 1');
}

/** Each network webhooks are kept from must be one: a typo would silently deny nothing. */
export function checkWebhookDeny(c: Pick<ServeConfig, 'webhookDeny'>): void {
  const wrong = c.webhookDeny.find((cidr) => parseCidr(cidr) === null);
  if (wrong !== undefined) throw new ConfigError(`--webhook-deny: '${wrong}' is not a network (expected ADDRESS/PREFIX, e.g. 169.254.0.0/16)`);
}

/** A config file holds the same keys as the flags (camelCase); unknown keys are an error. */
export function readConfigFile(path: string): Partial<ServeConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in SERVE_DEFAULTS)) throw new ConfigError(`config file ${path}: unknown key '${key}'`);
    const wanted = SERVE_DEFAULTS[key as keyof ServeConfig];
    if (Array.isArray(wanted)) {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`config file ${path}: '${key}' must be a list of strings`);
      continue;
    }
    const expected = typeof wanted;
    if (typeof value !== expected) throw new ConfigError(`config file ${path}: '${key}' must be a ${expected}`);
  }
  return parsed as Partial<ServeConfig>;
}

/** The provisioner's settings from the flags; undefined when no Ironic is configured. */
export function ironicConfig(c: ServeConfig): IronicConfig | undefined {
  const common = {
    defaultDriver: c.ironicDefaultDriver,
    timeoutMs: c.ironicTimeout * 1000,
    ...(c.ironicCaFile && { caFile: c.ironicCaFile }),
    insecure: c.ironicInsecure,
  };
  switch (c.ironicAuth) {
    case 'none':
      return c.ironicUrl ? { url: c.ironicUrl, auth: { type: 'none' }, ...common } : undefined;
    case 'http_basic':
      if (!c.ironicUrl || !c.ironicUser || !c.ironicPassword) throw new ConfigError('--ironic-auth http_basic needs --ironic-url, --ironic-user and --ironic-password');
      return { url: c.ironicUrl, auth: { type: 'http_basic', username: c.ironicUser, password: c.ironicPassword }, ...common };
    case 'keystone':
      if (!c.keystoneUrl || !c.keystoneUser || !c.keystonePassword || !c.keystoneProject) {
        throw new ConfigError('--ironic-auth keystone needs --keystone-url, --keystone-user, --keystone-password and --keystone-project');
      }
      return {
        ...(c.ironicUrl && { url: c.ironicUrl }),
        auth: {
          type: 'keystone', authUrl: c.keystoneUrl, username: c.keystoneUser, password: c.keystonePassword, projectName: c.keystoneProject,
          userDomainName: c.keystoneUserDomain, projectDomainName: c.keystoneProjectDomain, ...(c.keystoneRegion && { region: c.keystoneRegion }),
        },
        ...common,
      };
    default:
      throw new ConfigError(`--ironic-auth must be none, http_basic or keystone, not '${c.ironicAuth}'`);
  }
}

/** Refuses settings that would open the API to anyone who can reach it, or that cannot work. */
export function checkSecurity(c: ServeConfig): void {
  if (!(AUTH_MODES as readonly string[]).includes(c.auth)) throw new ConfigError(`--auth must be ${AUTH_MODES.join(', ')}, not '${String(c.auth)}'`);
  if (c.auth === 'noauth' && !isLoopback(c.host) && !c.insecureNoauth) {
    throw new ConfigError(`--auth noauth makes every caller an admin; on ${c.host} (not loopback) choose --auth token or keystone, or say --insecure-noauth`);
  }
  if (Boolean(c.tlsCert) !== Boolean(c.tlsKey)) throw new ConfigError('--tls-cert and --tls-key go together');
  if (c.bodyLimit < 1) throw new ConfigError('--body-limit must be at least 1 byte');
}

/** 127.0.0.0/8, ::1 and localhost; an unspecified address (0.0.0.0, ::) is every interface. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '::ffff:127.0.0.1';
}

/** covalence's service user, asking Keystone about callers' tokens (`--auth keystone`). */
export function keystoneValidatorConfig(c: ServeConfig): KeystoneValidatorConfig {
  if (!c.keystoneUrl || !c.keystoneUser || !c.keystonePassword || !c.keystoneProject) {
    throw new ConfigError('--auth keystone needs --keystone-url, --keystone-user, --keystone-password and --keystone-project');
  }
  return {
    authUrl: c.keystoneUrl, username: c.keystoneUser, password: c.keystonePassword, projectName: c.keystoneProject,
    userDomainName: c.keystoneUserDomain, projectDomainName: c.keystoneProjectDomain,
    ...(c.ironicCaFile && { caFile: c.ironicCaFile }), insecure: c.ironicInsecure,
    timeoutMs: c.ironicTimeout * 1000, cacheTtlMs: c.keystoneCacheTtl * 1000,
  };
}

import { readFileSync } from 'node:fs';
import type { IronicConfig } from './provision/index.js';

/** Everything `covalence serve` can be told, from flags, `COVALENCE_…` variables or a JSON file. */
export interface ServeConfig {
  host: string;
  port: number;
  /** `sqlite:PATH` (default `sqlite:./data/covalence.sqlite`). */
  db: string;
  /** Starts the EEM simulator in-process and registers it as pod manager `demo`. */
  demo: boolean;
  demoEemPort: number;
  /** Seconds between periodic syncs; 0 turns periodic sync off. */
  syncInterval: number;
  secretKeyFile: string;
  eemConnectTimeout: number;
  eemReadTimeout: number;
  /** Seconds a device the fabric stopped reporting stays listed as `removed`. */
  removedGrace: number;
  /** Seconds SIGTERM waits for in-flight requests and fabric operations. */
  shutdownTimeout: number;
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
}

export const SERVE_DEFAULTS: ServeConfig = {
  host: '127.0.0.1',
  port: 8181,
  db: 'sqlite:./data/covalence.sqlite',
  demo: false,
  demoEemPort: 30500,
  syncInterval: 30,
  secretKeyFile: './data/secret.key',
  eemConnectTimeout: 10,
  eemReadTimeout: 30,
  removedGrace: 600,
  shutdownTimeout: 30,
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
};

export class ConfigError extends Error {}

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
    const expected = typeof SERVE_DEFAULTS[key as keyof ServeConfig];
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

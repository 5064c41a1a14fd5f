import { readFileSync } from 'node:fs';

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
  logLevel: string;
  dataDir: string;
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
  logLevel: 'info',
  dataDir: './data',
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

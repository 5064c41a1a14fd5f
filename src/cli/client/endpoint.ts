import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../config.js';

export const DEFAULT_URL = 'http://127.0.0.1:8181';

/** Where the client talks to, and as whom. */
export interface Endpoint {
  url: string;
  token?: string;
}

/** What commander parsed: a flag, else its variable (COVALENCE_URL, COVALENCE_TOKEN, COVALENCE_CLIENT_CONFIG). */
export interface EndpointFlags {
  url?: string;
  token?: string;
  clientConfig?: string;
}

/** Flags and variables win over the config file, which wins over the default URL. */
export function resolveEndpoint(flags: EndpointFlags, env: NodeJS.ProcessEnv = process.env): Endpoint {
  const file = flags.clientConfig ?? defaultConfigPath(env);
  const fromFile = readClientConfig(file, flags.clientConfig !== undefined);
  const url = checkedUrl(flags.url ?? fromFile.url ?? DEFAULT_URL);
  const token = flags.token ?? fromFile.token;
  return token ? { url, token } : { url };
}

/** `$XDG_CONFIG_HOME/covalence/client.json`, by default `~/.config/covalence/client.json`. */
function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'covalence', 'client.json');
}

/** `{ "url": ..., "token": ... }`; the default file may be absent, a named one may not. */
function readClientConfig(path: string, named: boolean): Partial<Endpoint> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (!named && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`cannot read client config ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`client config ${path} is not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`client config ${path} must hold a JSON object`);
  for (const [key, value] of Object.entries(parsed)) {
    if (key !== 'url' && key !== 'token') throw new ConfigError(`client config ${path}: unknown key '${key}' (expected url, token)`);
    if (typeof value !== 'string') throw new ConfigError(`client config ${path}: '${key}' must be a string`);
  }
  return parsed as Partial<Endpoint>;
}

/** An http(s) base URL without a trailing slash, so `/v1/...` can be appended. */
function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`covalence URL '${text}' is not a URL (expected e.g. ${DEFAULT_URL})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`covalence URL '${text}' must be http:// or https://`);
  return url.href.replace(/\/+$/, '');
}

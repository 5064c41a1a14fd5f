import { CoreError } from '../errors.js';

/**
 * A pod manager URL that cannot name an EEM (no host, a port beyond 65535, not http(s)) is the
 * caller's mistake: refused as such, naming the field, before anything tries to connect to it.
 */
export function checkEemUrl(url: string, field = 'url'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CoreError('invalid', `Invalid input for field/attribute '${field}'. '${url}' is not a valid URL (a host, and a port from 1 to 65535 if any, e.g. http://10.0.0.5:30500/eem).`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CoreError('invalid', `Invalid input for field/attribute '${field}'. The EEM is reached over http:// or https://, not ${parsed.protocol}//.`);
  }
  if (parsed.hostname === '') throw new CoreError('invalid', `Invalid input for field/attribute '${field}'. '${url}' names no host.`);
  if (parsed.port === '0') throw new CoreError('invalid', `Invalid input for field/attribute '${field}'. Port 0 cannot be connected to.`);
}

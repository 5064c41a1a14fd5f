// Starting and stopping a simulator: what tests, the demo mode and `covalence eem-sim` call.
import type { AddressInfo } from 'node:net';
import { buildEemApp } from './app.js';
import { CONTROL_PREFIX } from './control-routes.js';
import type { Fabric } from './fabric.js';
import { SimState } from './sim-state.js';
import { DEFAULT_TOPOLOGY, loadFabric, seedOf, type TopologySpec } from './topology.js';

export interface EemSimOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 30500, the EEM's own; 0 takes any free port. */
  port?: number;
  /** Default '/eem'. */
  base?: string;
  /** Default 'admin'. */
  user?: string;
  /** Default 'admin'. */
  password?: string;
  /** Default: 4 servers and 16 devices generated from seed 1. */
  topology?: TopologySpec;
  /** Fastify's request log; default off. */
  logger?: boolean;
}

export interface EemSim {
  /** The base URL a driver is configured with, e.g. 'http://127.0.0.1:30500/eem'. */
  readonly url: string;
  /** 'http://127.0.0.1:30500'; the control API is at `${origin}/_sim`. */
  readonly origin: string;
  readonly port: number;
  /** The live state, for tests to read. */
  readonly fabric: Fabric;
  close(): Promise<void>;
}

export const EEM_DEFAULT_PORT = 30500;

/** The port asked for is taken; the caller adds the flag that chose it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  /** The socket's code, kept for callers that test it. */
  readonly code = 'EADDRINUSE';
  constructor(readonly host: string, readonly port: number) {
    super(`port ${port} on ${host} is in use by another process`);
  }
}

export async function startEemSim(opts: EemSimOptions = {}): Promise<EemSim> {
  const host = opts.host ?? '127.0.0.1';
  const base = normalizeBase(opts.base ?? '/eem');
  const topology = opts.topology ?? DEFAULT_TOPOLOGY;
  const fabric = await loadFabric(topology);
  const app = buildEemApp(new SimState(fabric, seedOf(topology)), {
    base,
    user: opts.user ?? 'admin',
    password: opts.password ?? 'admin',
    logger: opts.logger ?? false,
  });
  const port = opts.port ?? EEM_DEFAULT_PORT;
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(host, port) : err;
  }
  const bound = (app.server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  return { url: `${origin}${base}`, origin, port: bound, fabric, close: () => app.close() };
}

/** '/eem', 'eem' and '/eem/' are one base; '' and '/' serve the EEM API at the root. */
function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  if (/[?#\s]|:/.test(trimmed) || trimmed.split('/')[0] === CONTROL_PREFIX.slice(1)) {
    throw new Error(`base ${JSON.stringify(base)} cannot be used: give a plain path such as /eem, not under ${CONTROL_PREFIX}`);
  }
  return trimmed === '' ? '' : `/${trimmed}`;
}

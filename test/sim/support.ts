// Starts a simulator on a free port and talks to it over real HTTP, as a driver would.
import { startEemSim, type EemSim, type EemSimOptions } from '../../src/sim/eem/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: any; // tests read arbitrary wire JSON
}

export interface Sim {
  sim: EemSim;
  /** A call to the EEM API, `path` relative to the base (`devices/detail?status=eeio`). */
  eem(method: string, path: string, body?: unknown): Promise<Answer>;
  /** A call to the control API, `path` relative to /_sim. */
  control(method: string, path: string, body?: unknown): Promise<Answer>;
  /** A call with the headers given and no credentials added. */
  fetch(url: string, init?: RequestInit): Promise<Answer>;
}

export const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

/** Starts a simulator on a free port; `onClose` registers its shutdown (`after`, or `(fn) => t.after(fn)`). */
export async function startSim(onClose: (fn: () => Promise<void>) => void, opts: EemSimOptions = {}): Promise<Sim> {
  const sim = await startEemSim({ port: 0, ...opts });
  onClose(() => sim.close());
  const auth = `Basic ${Buffer.from(`${opts.user ?? 'admin'}:${opts.password ?? 'admin'}`).toString('base64')}`;
  const call = (url: string, method: string, body?: unknown) =>
    answer(url, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    sim,
    eem: (method, path, body) => call(`${sim.url}/${path}`, method, body),
    control: (method, path, body) => call(`${sim.origin}/_sim/${path}`, method, body),
    fetch: answer,
  };
}

async function answer(url: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

import { signal } from '@preact/signals';
import { api, asErrorBody } from './api';
import { followEvents, type WireEvent } from './event-stream';
import type { DeviceBrief, DeviceDetail, DeviceState, Flavor, NodeBrief, PodManager, System, ValenceErrorBody } from './wire';

/** Everything the views draw, read in one go so that a picture never mixes two moments. */
export interface Snapshot {
  podManagers: PodManager[];
  /** Whole records: the console shows and searches MACs and names. */
  devices: DeviceDetail[];
  nodes: NodeBrief[];
  flavors: Flavor[];
  /** Servers live from each pod manager's fabric; a pod manager whose fabric failed has an error instead. */
  systems: Record<string, System[] | ValenceErrorBody>;
  at: Date;
}

/** A device that moved between two refreshes. */
export interface Change {
  at: Date;
  device: DeviceBrief;
  from: { state: DeviceState; node_id: string | null } | null;
}

export const live = signal<Snapshot | null>(null);
/** The last refresh's failure, in the API's words; cleared by the next success. */
export const liveError = signal<ValenceErrorBody | null>(null);
export const changes = signal<Change[]>([]);
/** The newest events first, as the stream brings them: the live activity list. */
export const activity = signal<WireEvent[]>([]);
/** The event stream is up: the picture is read again on each event, not on a timer. */
export const streaming = signal(false);

const KEEP_CHANGES = 30;
const KEEP_ACTIVITY = 50;
/** Servers are read live from each fabric: every read of the picture would be an EEM call each. */
const SYSTEMS_EVERY_MS = 30_000;
let systemsAt = 0;
let running: Promise<void> | null = null;
let again = false;

/**
 * Reads the pool again. Calls made while a read is running are folded into one more read after
 * it, so the answer always reflects every change made before the call.
 */
export function refresh(): Promise<void> {
  if (!running) {
    running = read().finally(() => {
      running = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  }
  again = true;
  const current = running;
  return current.then(() => running ?? undefined);
}

async function read(): Promise<void> {
  try {
    const [podManagers, devices, nodes, flavors] = await Promise.all([
      api<PodManager[]>('GET', '/v1/pod_managers'),
      api<DeviceDetail[]>('GET', '/v1/devices?detail=true'),
      api<NodeBrief[]>('GET', '/v1/nodes'),
      api<Flavor[]>('GET', '/v1/flavors'),
    ]);
    const cached = live.value?.systems;
    const stale = !cached || Date.now() - systemsAt >= SYSTEMS_EVERY_MS || podManagers.some((p) => p.status === 'Online' && !(p.uuid in cached));
    const systems = stale ? await readSystems(podManagers, cached) : cached;
    noteChanges(live.value?.devices, devices);
    live.value = { podManagers, devices, nodes, flavors, systems, at: new Date() };
    liveError.value = null;
  } catch (err) {
    liveError.value = asErrorBody(err);
  }
}

async function readSystems(podManagers: PodManager[], previous: Snapshot['systems'] = {}): Promise<Snapshot['systems']> {
  systemsAt = Date.now();
  // An offline pod manager is not asked (it would only time out): its servers stay as last read.
  return Object.fromEntries(await Promise.all(podManagers.map(async (p) => {
    if (p.status !== 'Online') return [p.uuid, previous[p.uuid] ?? []] as const;
    try {
      return [p.uuid, await api<System[]>('GET', `/v1/systems?podm_id=${encodeURIComponent(p.uuid)}`)] as const;
    } catch (err) {
      return [p.uuid, asErrorBody(err)] as const;
    }
  })));
}

function noteChanges(before: DeviceBrief[] | undefined, after: DeviceBrief[]): void {
  if (!before) return;
  const old = new Map(before.map((d) => [d.uuid, d]));
  const now = new Date();
  const moved: Change[] = after
    .filter((d) => { const o = old.get(d.uuid); return !o || o.state !== d.state || o.node_id !== d.node_id; })
    .map((d) => { const o = old.get(d.uuid); return { at: now, device: d, from: o ? { state: o.state, node_id: o.node_id } : null }; });
  if (moved.length) changes.value = [...moved, ...changes.value].slice(0, KEEP_CHANGES);
}

/**
 * Reads the picture again on each event of the stream; while the stream is down, at an interval
 * (while the tab is visible) instead. Returns the stop function.
 */
export function startLive(everyMs: number): () => void {
  void refresh();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = followEvents((e) => {
    activity.value = [e, ...activity.value].slice(0, KEEP_ACTIVITY);
    void refresh();
  }, (up) => {
    streaming.value = up;
    clearInterval(timer);
    timer = up ? undefined : setInterval(() => { if (!document.hidden) void refresh(); }, everyMs);
    if (up) void refresh(); // what changed while it was down
  });
  return () => {
    stop();
    clearInterval(timer);
  };
}

/** Runs a change against the API, then refreshes the picture, servers too, whatever the outcome. */
export async function change<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    systemsAt = 0;
    await refresh();
  }
}

import type { Snapshot } from './live';
import { DEVICE_STATES, DEVICE_TYPES, type DeviceBrief, type DeviceDetail, type DeviceState, type NodeBrief, type PodManager, type System, type ValenceErrorBody } from './wire';

// How the pool is laid out for the picture: per pod manager, each server with the devices plugged
// into it, and the devices plugged into none. Pure functions of a snapshot and the filters.

export interface Filters {
  podm: string; // '' is every pod manager
  type: string; // a device type, 'none' for untyped, '' for all
  state: string;
  q: string;
}

export const NO_FILTERS: Filters = { podm: '', type: '', state: '', q: '' };

export interface ServerBox {
  id: string;
  podmId: string;
  /** Live from the fabric; absent when the fabric could not be read. */
  system?: System;
  node?: NodeBrief;
  /** The devices shown (those the filters let through). */
  devices: DeviceBrief[];
  /** Every device plugged into it, shown or not: what counts against max_devices. */
  occupied: number;
}

export interface PodmSection {
  podm: PodManager;
  servers: ServerBox[];
  /** Devices in no server: free, or offline/removed out of a group. */
  loose: DeviceBrief[];
  fabricError?: ValenceErrorBody;
  hiddenServers: number;
}

export type Details = ReadonlyMap<string, DeviceDetail>;

export function deviceLabel(d: DeviceBrief): string {
  return d.resource_uri.replace(/^devices\//, '');
}

export function typeKey(d: DeviceBrief): string {
  return d.type ?? 'none';
}

function squash(s: string): string {
  return s.toLowerCase().replace(/[:\-.\s]/g, '');
}

/** Case-insensitive; MACs and ids match with or without their separators. */
function anyMatches(hay: string[], q: string): boolean {
  const needle = q.toLowerCase();
  const squashed = squash(q);
  return hay.some((h) => h.toLowerCase().includes(needle) || (squashed !== '' && squash(h).includes(squashed)));
}

/** Free text over id, uuid, type, MAC, vendor and device name. */
function deviceMatches(d: DeviceBrief, q: string, detail?: DeviceDetail): boolean {
  return !q || anyMatches([d.uuid, deviceLabel(d), d.type ?? '', detail?.properties.mac_address ?? '', detail?.extra.vendor_name ?? '', detail?.extra.device_name ?? ''], q);
}

function serverMatches(s: ServerBox, q: string): boolean {
  return Boolean(q) && anyMatches([s.id, s.node?.name ?? '', s.node?.uuid ?? '', s.system?.mac_address ?? '', s.system?.host_model ?? ''], q);
}

function deviceShown(d: DeviceBrief, f: Filters, details: Details): boolean {
  return (!f.type || typeKey(d) === f.type) && (!f.state || d.state === f.state) && deviceMatches(d, f.q.trim(), details.get(d.uuid));
}

export function arrange(s: Snapshot, f: Filters, details: Details): PodmSection[] {
  const filtering = Boolean(f.type || f.state || f.q.trim());
  return s.podManagers.filter((p) => !f.podm || p.uuid === f.podm).map((podm) => {
    const live = s.systems[podm.uuid];
    const systems = Array.isArray(live) ? live : [];
    const devices = s.devices.filter((d) => d.podm_id === podm.uuid);
    const nodes = s.nodes.filter((n) => n.podm_id === podm.uuid);
    // Servers known to the fabric, plus any the pool or a node names (when the fabric is unread).
    const ids = [...new Set([...systems.map((x) => x.id), ...nodes.map((n) => n.index), ...devices.flatMap((d) => (d.node_id ? [d.node_id] : []))])];
    const all: ServerBox[] = ids.map((id) => ({
      id,
      podmId: podm.uuid,
      system: systems.find((x) => x.id === id),
      node: nodes.find((n) => n.index === id),
      devices: devices.filter((d) => d.node_id === id && deviceShown(d, f, details)),
      occupied: devices.filter((d) => d.node_id === id && d.state !== 'removed').length,
    }));
    // Composed nodes first, then by id, so that the picture is stable between refreshes.
    all.sort((a, b) => Number(!a.node) - Number(!b.node) || a.id.localeCompare(b.id));
    const servers = filtering ? all.filter((x) => x.devices.length > 0 || serverMatches(x, f.q.trim())) : all;
    return {
      podm,
      servers,
      loose: devices.filter((d) => !d.node_id && deviceShown(d, f, details)).sort(byTypeThenId),
      fabricError: Array.isArray(live) || live === undefined ? undefined : live,
      hiddenServers: all.length - servers.length,
    };
  });
}

function byTypeThenId(a: DeviceBrief, b: DeviceBrief): number {
  return typeKey(a).localeCompare(typeKey(b)) || deviceLabel(a).localeCompare(deviceLabel(b));
}

type Counts = Record<string, Record<DeviceState, number>>;

/** Devices by type and state; types with no device are left out. */
export function countByTypeAndState(devices: DeviceBrief[]): Counts {
  const counts: Counts = {};
  for (const t of [...DEVICE_TYPES, 'none']) counts[t] = Object.fromEntries(DEVICE_STATES.map((st) => [st, 0])) as Record<DeviceState, number>;
  for (const d of devices) counts[typeKey(d)][d.state]++;
  for (const t of Object.keys(counts)) if (DEVICE_STATES.every((st) => counts[t][st] === 0)) delete counts[t];
  return counts;
}

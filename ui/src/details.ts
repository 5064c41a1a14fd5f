import { signal } from '@preact/signals';
import { api } from './api';
import type { DeviceDetail } from './wire';

// The device list is brief; MAC, vendor and device name are only in each device's detail. They do
// not change while the device lives, so each is fetched once, a few at a time, and kept.

export const details = signal<ReadonlyMap<string, DeviceDetail>>(new Map());

const PARALLEL = 4;
const wanted: string[] = [];
const asked = new Set<string>();
let workers = 0;

/** Asks for the details not yet known; the signal updates as they arrive. */
export function loadDetails(uuids: Iterable<string>): void {
  for (const uuid of uuids) {
    if (asked.has(uuid)) continue;
    asked.add(uuid);
    wanted.push(uuid);
  }
  while (workers < PARALLEL && wanted.length) {
    workers++;
    void work().finally(() => workers--);
  }
}

async function work(): Promise<void> {
  for (let uuid = wanted.shift(); uuid; uuid = wanted.shift()) {
    try {
      const d = await api<DeviceDetail>('GET', `/v1/devices/${encodeURIComponent(uuid)}`);
      details.value = new Map(details.value).set(uuid, d);
    } catch {
      asked.delete(uuid); // asked again on a later look
    }
  }
}

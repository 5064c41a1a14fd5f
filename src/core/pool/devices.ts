import type { DeviceFilter, DeviceSummary } from '../../store/devices.js';
import * as repo from '../../store/devices.js';
import type { DeviceRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { notFound } from '../errors.js';

export type Device = DeviceRow;
export type { DeviceFilter, DeviceSummary };

/** The pool as the store knows it; sync keeps it in step with the fabric. */
export class Devices {
  constructor(private readonly ctx: CoreContext) {}

  list(filter: DeviceFilter): Promise<DeviceSummary[]> {
    return repo.listDevices(this.ctx.store.db, filter);
  }

  async get(uuid: string): Promise<Device> {
    const row = await repo.findDevice(this.ctx.store.db, uuid);
    if (!row) throw notFound(`Device ${uuid}`);
    return row;
  }
}

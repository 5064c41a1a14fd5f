import { deviceAdded } from '../events/device-change.js';
import { recordAll, type Change } from '../events/recorder.js';
import { insertDevices } from '../../store/devices.js';
import type { NewDevice } from '../../store/schema.js';
import type { Db } from '../../store/store.js';

/** Rows and events gathered before they are written: a few statements per batch, not two or three per device. */
const BATCH = 256;

/**
 * What a sync writes besides its compare-and-set updates: new devices, in multi-row inserts, and
 * the events that tell of every change, numbered in the order they were told. All of it goes in
 * the sync's transaction, so batching changes how many statements it takes, nothing else.
 */
export class SyncWrites {
  private devices: NewDevice[] = [];
  private events: Change[] = [];

  constructor(private readonly tx: Db) {}

  /** A device the fabric reports for the first time, and its event. */
  add(row: NewDevice): void {
    this.devices.push(row);
    this.tell(deviceAdded(row));
  }

  /** The event of a change already written (none when nothing told changed). */
  tell(change: Change | null): void {
    if (change) this.events.push(change);
  }

  /** Enough is gathered to be written (`flush`): kept synchronous, a device costs no promise. */
  get full(): boolean {
    return this.events.length >= BATCH;
  }

  /** Writes what is gathered; the sync calls it whenever `full`, and last. */
  async flush(): Promise<void> {
    const [devices, events] = [this.devices, this.events];
    this.devices = [];
    this.events = [];
    await insertDevices(this.tx, devices);
    if (events.length > 0) await recordAll(this.tx, events);
  }
}

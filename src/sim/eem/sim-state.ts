// Everything one running simulator holds besides its HTTP server: the fabric, the fault rules, the
// call counters, and the seeded factory that completes hot-plugged boards.
import { BoardFactory } from './board-factory.js';
import type { EemDevice } from './device.js';
import type { Fabric } from './fabric.js';
import { Faults } from './faults.js';
import { Rng } from './rng.js';
import { CallStats } from './stats.js';

export class SimState {
  readonly faults: Faults;
  readonly stats = new CallStats();
  readonly #seed: number;
  #factory!: BoardFactory;

  constructor(
    readonly fabric: Fabric,
    seed: number,
  ) {
    this.#seed = seed;
    this.faults = new Faults(seed);
    this.#newFactory();
  }

  /** Hot-plugs a board from the fields given; the rest is generated. */
  plug(input: unknown): EemDevice {
    return this.fabric.plug(this.#factory.board(input, 'body'));
  }

  /** The initial topology, no fault rules, zeroed counters: as just started. */
  reset(): void {
    this.fabric.reset();
    this.faults.reset();
    this.stats.clear();
    this.#newFactory();
  }

  #newFactory(): void {
    // Another stream than the topology's, so hot-plugged MACs do not retrace generated ones.
    const rng = new Rng(this.#seed ^ 0x5eed);
    this.#factory = new BoardFactory({ rng, updateTime: Date.now, isTaken: (mac) => this.fabric.hasMac(mac) });
  }
}

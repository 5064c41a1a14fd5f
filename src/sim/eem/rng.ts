// A small seeded random source (mulberry32), so a seed always gives the same topology and the same
// sequence of probabilistic faults.

export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)];
  }

  /** An item chosen with probability proportional to its weight. */
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let roll = this.next() * items.reduce((sum, item) => sum + item.weight, 0);
    for (const item of items) {
      roll -= item.weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1];
  }

  /** `count` hex digits, lowercase. */
  hex(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += this.int(16).toString(16);
    return out;
  }

  /** A string shaped by `pattern`: `9` becomes a digit, `A` an uppercase letter or digit. */
  shaped(pattern: string): string {
    const alnum = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    let out = '';
    for (const ch of pattern) {
      if (ch === '9') out += this.int(10);
      else if (ch === 'A') out += alnum[this.int(alnum.length)];
      else out += ch;
    }
    return out;
  }
}

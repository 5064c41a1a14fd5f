// Counts of EEM API calls by method and route template (`GET devices/detail`), so a test can
// assert how many calls a client made, e.g. that a sync costs the same at 10 and 1,000 devices.

export interface CallCounts {
  total: number;
  calls: Record<string, number>;
}

export class CallStats {
  readonly #calls = new Map<string, number>();
  #total = 0;

  record(method: string, template: string): void {
    const key = `${method} ${template}`;
    this.#calls.set(key, (this.#calls.get(key) ?? 0) + 1);
    this.#total++;
  }

  snapshot(): CallCounts {
    const keys = [...this.#calls.keys()].sort();
    return { total: this.#total, calls: Object.fromEntries(keys.map((k) => [k, this.#calls.get(k)!])) };
  }

  clear(): void {
    this.#calls.clear();
    this.#total = 0;
  }
}

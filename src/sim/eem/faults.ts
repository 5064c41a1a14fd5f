// Fault injection for the EEM API: rules that make matching calls fail, answer garbage, hang up or
// slow down, so a client's error paths can be tested against a real socket.
import { Type, type Static } from '@sinclair/typebox';
import { EemError } from './errors.js';
import { Rng } from './rng.js';
import { validate } from './validate.js';

export const FaultRuleSchema = Type.Object(
  {
    /** HTTP method to match; any when left out. */
    method: Type.Optional(Type.String({ pattern: '^[A-Za-z]+$' })),
    /** A substring of, or a regular expression for, the path after the base (`devices/0x…/group_id`). */
    path: Type.String({ minLength: 1 }),
    status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599 })),
    code: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    latency_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
    /** The answer's body instead of the EEM's: text is sent as is, anything else as JSON (an EEM reset to `{"devices": []}`). */
    body: Type.Optional(Type.Unknown()),
    /** Destroy the socket without answering. */
    drop: Type.Optional(Type.Boolean()),
    /** Matching calls let through before the rule starts hitting. */
    skip: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Hits before the rule is spent; null never spends it. */
    count: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    probability: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
export type FaultRule = Static<typeof FaultRuleSchema>;

/** A rule as listed: what it was given, the calls it still lets through, and the hits it has left. */
export type FaultView = FaultRule & { id: string; skip: number; remaining: number | null };

/** What a hit does to the call, after waiting `latency_ms`. */
export type FaultAction = { latency_ms: number } & (
  | { kind: 'delay' }
  | { kind: 'drop' }
  | { kind: 'answer'; status: number; contentType: string; body: string }
);

interface Rule {
  id: string;
  given: FaultRule;
  pattern: RegExp | undefined;
  skip: number;
  remaining: number | null;
}

export class Faults {
  readonly #seed: number;
  #rng: Rng;
  #rules: Rule[] = [];
  #nextId = 1;

  constructor(seed: number) {
    this.#seed = seed;
    this.#rng = new Rng(seed);
  }

  /** Checks and adds a rule; answers its id. */
  add(input: unknown): string {
    const given = validate(FaultRuleSchema, input, 'faultInvalid', 'body');
    if (given.drop && (given.status !== undefined || given.body !== undefined)) {
      throw new EemError('faultInvalid', 'body: a dropped call gets no answer; give drop, or status/body, not both');
    }
    if (given.status === undefined && (given.code !== undefined || given.message !== undefined)) {
      throw new EemError('faultInvalid', 'body: code and message need a status');
    }
    const id = String(this.#nextId++);
    this.#rules.push({ id, given, pattern: regexOrUndefined(given.path), skip: given.skip ?? 0, remaining: given.count === undefined ? 1 : given.count });
    return id;
  }

  list(): FaultView[] {
    return this.#rules.map((r) => ({ id: r.id, ...r.given, skip: r.skip, remaining: r.remaining }));
  }

  remove(id: string): void {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    if (this.#rules.length === before) throw new EemError('faultNotFound', `Fault rule ${id} not found`);
  }

  /** Removes every rule; answers how many there were. */
  clear(): number {
    const removed = this.#rules.length;
    this.#rules = [];
    return removed;
  }

  /** No rules, ids from 1, and the random source back at its seed. */
  reset(): void {
    this.clear();
    this.#nextId = 1;
    this.#rng = new Rng(this.#seed);
  }

  /**
   * The first rule, in the order added, that fires on this call. A matching rule that lets the call
   * through (still skipping, or not drawn) hands it on to the next rule.
   */
  hit(method: string, path: string): FaultAction | undefined {
    for (const rule of this.#rules) {
      const { given } = rule;
      if (given.method !== undefined && given.method.toUpperCase() !== method) continue;
      if (!path.includes(given.path) && !rule.pattern?.test(path)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      if (this.#rng.next() >= (given.probability ?? 1)) continue;
      if (rule.remaining !== null && --rule.remaining === 0) this.#rules = this.#rules.filter((r) => r !== rule);
      return actionOf(rule);
    }
    return undefined;
  }
}

function actionOf({ id, given }: Rule): FaultAction {
  const latency_ms = given.latency_ms ?? 0;
  if (given.drop) return { kind: 'drop', latency_ms };
  if (given.body !== undefined) {
    const status = given.status ?? 200;
    if (typeof given.body === 'string') return { kind: 'answer', latency_ms, status, contentType: 'text/plain; charset=utf-8', body: given.body };
    return { kind: 'answer', latency_ms, status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(given.body) };
  }
  if (given.status === undefined) return { kind: 'delay', latency_ms };
  const body = { code: given.code ?? `${given.status}00`, message: given.message ?? `Fault injected by rule ${id}` };
  return { kind: 'answer', latency_ms, status: given.status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

function regexOrUndefined(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined; // not a regular expression: matched as a substring only
  }
}

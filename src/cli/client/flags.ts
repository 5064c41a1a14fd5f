import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEVICE_TYPES } from '../../shared/vocabulary.js';

// Parsers for commander options; an InvalidArgumentError is a usage error (exit 2).

/** A flag given several times collects its values. */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'`);
  return n;
}

/** A whole number from 1 to `max`: a typo such as --count 1000 must not start a thousand composes. */
export function upTo(max: number): (value: string) => number {
  return (value) => {
    const n = positiveInt(value);
    if (n > max) throw new InvalidArgumentError(`expected at most ${max}, got ${n}`);
    return n;
  };
}

/** `KEY=VALUE`, repeatable, into an object (values stay strings, as the openstack client sends them). */
export function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`expected KEY=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** The flags of Valence's flavor properties, shared by `flavor create|update` and `node compose`. */
export interface PropertyFlags {
  type?: string[];
  memoryMib?: string;
  memoryType?: string;
  cores?: string;
  processorModel?: string;
}

/** Option names, for `.conflicts()`: a compose takes a flavor or properties, not both. */
export const PROPERTY_OPTIONS = ['type', 'memoryMib', 'memoryType', 'cores', 'processorModel'] as const satisfies ReadonlyArray<keyof PropertyFlags>;

export function addPropertyFlags(cmd: Command): Command {
  const deviceType = new Option('--type <type>', 'a PCIe device of this type; repeat for more (--type SSD --type SSD: two)').choices(DEVICE_TYPES);
  return cmd
    .addOption(deviceType.argParser((v: string, prev?: string[]) => repeatable(oneOf(v, DEVICE_TYPES), prev)))
    .option('--memory-mib <n>', 'memory capacity in MiB')
    .option('--memory-type <type>', 'memory type, e.g. DDR4')
    .option('--cores <n>', 'total processor cores')
    .option('--processor-model <model>', 'processor model');
}

/** Valence's `properties` object from the flags (its numbers are strings), or undefined if none was given. */
export function propertiesOf(o: PropertyFlags): Record<string, unknown> | undefined {
  return someSet({
    pci_device: o.type && { type: o.type },
    memory: someSet({ capacity_mib: o.memoryMib, type: o.memoryType }),
    processor: someSet({ total_cores: o.cores, model: o.processorModel }),
  });
}

const someSet = <T extends object>(x: T): T | undefined => (Object.values(x).some((v) => v !== undefined) ? x : undefined);

function oneOf(value: string, list: readonly string[]): string {
  if (!list.includes(value)) throw new InvalidArgumentError(`Allowed choices are ${list.join(', ')}.`);
  return value;
}

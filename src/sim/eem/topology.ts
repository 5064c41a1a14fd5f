// Where the simulator's boards come from: generated from a seed, read from a JSON file, a named
// topology, or given literally. Every source goes through the same checks as a hot-plug.
import { readFile } from 'node:fs/promises';
import { BoardFactory, type BoardInput } from './board-factory.js';
import type { Board } from './device.js';
import { EemError } from './errors.js';
import { Fabric } from './fabric.js';
import { NAMED_TOPOLOGIES, TOPOLOGY_NAMES, type TopologyName } from './named-topologies.js';
import { Rng } from './rng.js';

export interface GenerateSpec {
  servers: number;
  devices: number;
  seed: number;
}

export type TopologySpec =
  | { generate: GenerateSpec }
  /** A JSON file `{"devices": [...]}`, e.g. a saved `GET devices/detail` answer. */
  | { file: string }
  | { named: TopologyName }
  /** Device records; fields left out are generated, as for a hot-plug. */
  | { devices: readonly BoardInput[] };

export const DEFAULT_TOPOLOGY: TopologySpec = { generate: { servers: 4, devices: 16, seed: 1 } };

/** Generated boards look updated in the weeks before this instant, the same for every run. */
const GENERATED_AT = Date.UTC(2025, 0, 6, 9, 0, 0);
const FOUR_WEEKS_MS = 28 * 24 * 3600 * 1000;
/** A seed for what a named, file or literal topology leaves out. */
const FIXED_SEED = 1;

/** A topology that cannot be loaded; the message names the source and the device. */
export class TopologyError extends Error {
  override name = 'TopologyError';
}

/** The seed of the spec, or a fixed one: it also seeds hot-plugged boards and fault probabilities. */
export function seedOf(spec: TopologySpec): number {
  return 'generate' in spec ? spec.generate.seed : FIXED_SEED;
}

/** Loads the spec's boards into a fabric, or explains why they cannot be. */
export async function loadFabric(spec: TopologySpec): Promise<Fabric> {
  const label = labelOf(spec);
  try {
    return new Fabric(await boardsOf(spec));
  } catch (err) {
    if (err instanceof EemError || err instanceof TopologyError) throw new TopologyError(`${label}: ${err.message}`);
    throw err;
  }
}

/** Servers and devices of a plausible lab, the same for the same seed. */
export function generateBoards({ servers, devices, seed }: GenerateSpec): Board[] {
  for (const [name, n] of Object.entries({ servers, devices, seed })) {
    if (!Number.isSafeInteger(n) || n < 0) throw new TopologyError(`${name} must be a whole number >= 0, not ${n}`);
  }
  const factory = fixedClockFactory(seed);
  return [
    ...Array.from({ length: servers }, (_, i) => factory.board({ status: 'eesv' }, `servers[${i}]`)),
    ...Array.from({ length: devices }, (_, i) => factory.board({ status: 'eeio' }, `devices[${i}]`)),
  ];
}

async function boardsOf(spec: TopologySpec): Promise<Board[]> {
  if ('generate' in spec) return generateBoards(spec.generate);
  if ('named' in spec) {
    const named = NAMED_TOPOLOGIES[spec.named] as readonly BoardInput[] | undefined;
    if (!named) throw new TopologyError(`no such named topology; choose one of ${TOPOLOGY_NAMES.join(', ')}`);
    return complete(named);
  }
  if ('devices' in spec) return complete(spec.devices);
  return complete(await readDevicesFile(spec.file));
}

function complete(inputs: readonly unknown[]): Board[] {
  const factory = fixedClockFactory(FIXED_SEED);
  return inputs.map((input, i) => factory.board(input, `devices[${i}]`));
}

function fixedClockFactory(seed: number): BoardFactory {
  const rng = new Rng(seed);
  return new BoardFactory({ rng, updateTime: () => GENERATED_AT - rng.int(FOUR_WEEKS_MS) });
}

async function readDevicesFile(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new TopologyError(`cannot read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TopologyError(`not valid JSON: ${(err as Error).message}`);
  }
  const devices = (json as { devices?: unknown } | null)?.devices;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Array.isArray(devices)) {
    throw new TopologyError('expected an object {"devices": [...]}');
  }
  return devices;
}

function labelOf(spec: TopologySpec): string {
  if ('generate' in spec) return 'generated topology';
  if ('named' in spec) return `topology ${spec.named}`;
  if ('devices' in spec) return 'topology';
  return `topology file ${spec.file}`;
}

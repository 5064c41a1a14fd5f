import { randomUUID } from 'node:crypto';
import type { DeviceType } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import * as repo from '../../store/flavors.js';
import type { FlavorRow } from '../../store/schema.js';
import type { CoreContext } from '../context.js';
import { notFound } from '../errors.js';

/** Valence's flavor properties; only `pci_device` drives ExpEther composition. */
export interface FlavorProperties {
  memory?: { capacity_mib?: string; type?: string };
  processor?: { total_cores?: string; model?: string };
  pci_device?: { type?: DeviceType[] };
}

export interface Flavor {
  uuid: string;
  name: string;
  description: string;
  properties: FlavorProperties;
  createdAt: string;
  updatedAt: string;
}

export interface FlavorInput {
  name: string;
  description?: string;
  properties: FlavorProperties;
}

/** Named compositions. Nodes keep what they were given when their flavor is deleted. */
export class Flavors {
  constructor(private readonly ctx: CoreContext) {}

  async list(name?: string): Promise<Flavor[]> {
    return (await repo.listFlavors(this.ctx.store.db, name)).map(toFlavor);
  }

  async get(uuid: string): Promise<Flavor> {
    const row = await repo.findFlavor(this.ctx.store.db, uuid);
    if (!row) throw notFound(`Flavor ${uuid}`);
    return toFlavor(row);
  }

  async create(input: FlavorInput): Promise<Flavor> {
    const now = nowIso();
    const uuid = randomUUID();
    await repo.insertFlavor(this.ctx.store.db, {
      uuid,
      name: input.name,
      description: input.description ?? '',
      properties: JSON.stringify(input.properties),
      created_at: now,
      updated_at: now,
    });
    return this.get(uuid);
  }

  /** Valence's PATCH: top-level keys replace what they name (`properties` as a whole). */
  async update(uuid: string, changes: Partial<FlavorInput>): Promise<Flavor> {
    await this.get(uuid);
    await repo.updateFlavor(this.ctx.store.db, uuid, {
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.description !== undefined && { description: changes.description }),
      ...(changes.properties !== undefined && { properties: JSON.stringify(changes.properties) }),
      updated_at: nowIso(),
    });
    return this.get(uuid);
  }

  async delete(uuid: string): Promise<void> {
    if (!(await repo.deleteFlavor(this.ctx.store.db, uuid))) throw notFound(`Flavor ${uuid}`);
  }
}

/** The one mapping from the store's columns. */
function toFlavor(row: FlavorRow): Flavor {
  return {
    uuid: row.uuid, name: row.name, description: row.description, properties: JSON.parse(row.properties) as FlavorProperties,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

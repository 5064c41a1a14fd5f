import type { Static } from '@sinclair/typebox';
import type { Flavor } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import type { FlavorView } from './schemas.js';

export function flavorView(f: Flavor): Static<typeof FlavorView> {
  return {
    uuid: f.uuid,
    name: f.name,
    description: f.description,
    properties: f.properties,
    created_at: valenceTime(f.createdAt),
    updated_at: valenceTime(f.updatedAt),
  };
}

import type { Static } from '@sinclair/typebox';
import type { PodManager } from '../../../core/index.js';
import { valenceTime } from '../../../shared/time.js';
import type { PodManagerView } from './schemas.js';

/** A pod manager on the wire: Valence's `authentication` list, the password never. */
export function podManagerView(p: PodManager): Static<typeof PodManagerView> {
  return {
    uuid: p.uuid,
    name: p.name,
    url: p.url,
    driver: p.driver,
    authentication: [{ type: 'basic', auth_items: { username: p.username, password: '***' } }],
    insecure: p.insecure,
    status: p.status,
    status_detail: p.statusDetail,
    description: p.description,
    location: p.location,
    last_sync_at: p.lastSyncAt && valenceTime(p.lastSyncAt),
    created_at: valenceTime(p.createdAt),
    updated_at: valenceTime(p.updatedAt),
  };
}

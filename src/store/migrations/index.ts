import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as registrationDigest from './0002-registration-digest.js';
import * as security from './0003-security.js';
import * as sharedFabric from './0004-shared-fabric.js';
import * as nodeGroup from './0005-node-group.js';
import * as poolRevision from './0006-pool-revision.js';
import * as deviceMaintenance from './0007-device-maintenance.js';
import * as deviceIndexes from './0008-device-indexes.js';
import * as redfishReservations from './0009-redfish-reservations.js';
import * as events from './0010-events.js';
import * as syncTimeApart from './0011-sync-time-apart.js';
import * as sparseDeviceIndexes from './0012-sparse-device-indexes.js';

/** Versioned migrations, in order; names sort as they must run. Never edit one that has shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-registration-digest': registrationDigest,
  '0003-security': security,
  '0004-shared-fabric': sharedFabric,
  '0005-node-group': nodeGroup,
  '0006-pool-revision': poolRevision,
  '0007-device-maintenance': deviceMaintenance,
  '0008-device-indexes': deviceIndexes,
  '0009-redfish-reservations': redfishReservations,
  '0010-events': events,
  '0011-sync-time-apart': syncTimeApart,
  '0012-sparse-device-indexes': sparseDeviceIndexes,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;

import { Migrator } from 'kysely';
import type { Db } from './store.js';
import { StoreUnavailableError } from './errors.js';
import { LATEST_MIGRATION, migrationProvider } from './migrations/index.js';

/**
 * Brings the schema to the latest migration. On PostgreSQL Kysely's migrator holds an advisory lock
 * meanwhile, so replicas starting together migrate once.
 */
export async function migrate(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error instanceof StoreUnavailableError) throw error;
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

export async function migrationLevel(db: Db): Promise<string | undefined> {
  const done = await new Migrator({ db, provider: migrationProvider }).getMigrations();
  const applied = done.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  return applied.includes(LATEST_MIGRATION) ? LATEST_MIGRATION : applied.at(-1);
}

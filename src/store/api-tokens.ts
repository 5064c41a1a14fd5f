import type { Db } from './store.js';
import type { ApiTokenRow, NewApiToken } from './schema.js';

export async function insertApiToken(db: Db, row: NewApiToken): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export function findApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function listApiTokens(db: Db): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** False when there was no such token. */
export async function deleteApiToken(db: Db, id: string): Promise<boolean> {
  const r = await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { nowIso } from '../../shared/time.js';
import type { Role } from '../../shared/vocabulary.js';
import * as repo from '../../store/api-tokens.js';
import type { Db } from '../../store/database.js';
import type { ApiTokenRow } from '../../store/schema.js';
import type { Caller } from './caller.js';
import { CoreError, notFound } from '../errors.js';

/** An API token as it may be shown: never the token, never its hash. */
export type ApiToken = Omit<ApiTokenRow, 'token_hash'>;

/** Recognisable in logs and by secret scanners; 256 random bits after it. */
const PREFIX = 'cov_';

/**
 * `--auth token`: tokens made on the host with `covalence token create`, each with a role and a
 * project. The store keeps a SHA-256 of each token only: the token is 256 random bits, so a fast
 * hash is enough, and a stolen database holds nothing that authenticates.
 */
export class ApiTokens {
  constructor(private readonly db: Db) {}

  /** Returns the token itself, which exists nowhere else afterwards. */
  async create(input: { role: Role; project: string; name?: string }): Promise<{ token: string; record: ApiToken }> {
    const token = PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    const record: ApiToken = { id, name: input.name ?? `token-${id.slice(0, 8)}`, role: input.role, project: input.project, created_at: nowIso() };
    await repo.insertApiToken(this.db, { ...record, token_hash: digest(token) });
    return { token, record };
  }

  async list(): Promise<ApiToken[]> {
    return (await repo.listApiTokens(this.db)).map(({ token_hash: _hash, ...rest }) => rest);
  }

  async revoke(id: string): Promise<void> {
    if (!(await repo.deleteApiToken(this.db, id))) throw notFound(`API token ${id}`);
  }

  async authenticate(token: string): Promise<Caller> {
    const row = await repo.findApiTokenByHash(this.db, digest(token));
    if (!row) throw new CoreError('unauthenticated', 'The token is not valid (unknown or revoked).');
    return { userId: row.id, userName: row.name, project: row.project, role: row.role };
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

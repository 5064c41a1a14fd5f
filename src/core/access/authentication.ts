import { IdentityError, type KeystoneValidator } from '../../identity/keystone-validator.js';
import { ROLES } from '../../shared/vocabulary.js';
import type { ApiTokens } from './api-tokens.js';
import { NOAUTH_CALLER, type Caller } from './caller.js';
import { CoreError } from '../errors.js';

/** The `--auth` mode and what it needs. */
export type Authentication =
  | { readonly mode: 'noauth' }
  | { readonly mode: 'token' }
  | { readonly mode: 'keystone'; readonly validator: KeystoneValidator };

/** Turns the token a request carries into a caller with a role and a project, or refuses it. */
export class Authenticator {
  constructor(
    private readonly how: Authentication,
    private readonly tokens: ApiTokens,
  ) {}

  async authenticate(token: string | undefined): Promise<Caller> {
    switch (this.how.mode) {
      case 'noauth':
        return NOAUTH_CALLER;
      case 'token':
        return this.tokens.authenticate(required(token));
      case 'keystone':
        return fromKeystone(this.how.validator, required(token));
      default: {
        const unknown: never = this.how;
        throw new Error(`no authentication mode ${String(unknown)}`);
      }
    }
  }

  async close(): Promise<void> {
    if (this.how.mode === 'keystone') await this.how.validator.close();
  }
}

function required(token: string | undefined): string {
  if (token === undefined) throw new CoreError('unauthenticated', 'Authentication required: send a token as X-Auth-Token (or Authorization: Bearer).');
  return token;
}

async function fromKeystone(validator: KeystoneValidator, token: string): Promise<Caller> {
  let identity;
  try {
    identity = await validator.validate(token);
  } catch (err) {
    if (err instanceof IdentityError) throw new CoreError('identity_unavailable', `${err.message}; cannot check the caller's token.`);
    throw err;
  }
  if (identity === null) throw new CoreError('unauthenticated', 'The token is not valid (Keystone does not recognise it, or it expired or was revoked).');
  if (identity.projectId === null) throw new CoreError('forbidden', `The token of user ${identity.userName} is not scoped to a project; ask Keystone for a project-scoped token.`);
  // Keystone lists implied roles too (admin implies member implies reader); the highest one counts.
  const role = [...ROLES].reverse().find((r) => identity.roles.includes(r));
  if (role === undefined) throw new CoreError('forbidden', `User ${identity.userName} holds none of the roles ${ROLES.join(', ')} in project ${identity.projectId}.`);
  return { userId: identity.userId, userName: identity.userName, project: identity.projectId, role };
}

import { FabricError } from '../drivers/index.js';
import { ProvisionError } from '../provision/index.js';
import { StoreUnavailableError } from '../store/errors.js';

/**
 * Every failure core reports, by kind; api/ alone turns kinds into HTTP statuses. Messages are
 * sentences for the operator and name the resource (pod manager, node, device, field).
 */
export const CORE_ERROR_KINDS = [
  'invalid', // bad input the schema could not catch → 400
  'unsupported', // a valid request this driver or node cannot do → 400
  'unauthorized', // a pod manager refused covalence's credentials at creation → 401
  'unauthenticated', // the caller sent no token, or one that is not valid → 401
  'forbidden', // the caller's role does not allow this → 403
  'not_found', // → 404
  'conflict', // the request clashes with the current state → 409
  'busy', // another operation holds the resource; retry later → 409
  'fabric_failed', // the fabric answered an error or garbage → 502
  'fabric_unavailable', // the fabric could not be reached → 503
  'fabric_timeout', // the fabric did not answer in time → 504
  'provisioner_rejected', // Ironic refused the request: its own 4xx status
  'provisioner_failed', // Ironic broke, refused covalence's credentials, or ended in a failed state → 502
  'provisioner_unavailable', // Ironic is not configured or could not be reached → 503
  'provisioner_timeout', // Ironic did not answer, or a state change did not finish, in time → 504
  'identity_unavailable', // Keystone could not be reached or refused covalence's own credentials → 503
  'store_unavailable', // the database could not be reached or dropped the connection → 503
] as const;
export type CoreErrorKind = (typeof CORE_ERROR_KINDS)[number];

export class CoreError extends Error {
  override readonly name = 'CoreError';
  constructor(
    readonly kind: CoreErrorKind,
    message: string,
    /** Overrides the Valence error `code` where Valence clients expect a fabric code (e.g. "40400"). */
    readonly code?: string,
    /** The status an upstream service (Ironic) answered, passed on for `provisioner_rejected`. */
    readonly upstreamStatus?: number,
  ) {
    super(message);
  }
}

/**
 * The database went away (restart, failover, network) as a core error, so a request answers 503 and
 * can be repeated; undefined for any other error. The store reconnects by itself.
 */
export function storeFailure(err: unknown): CoreError | undefined {
  if (!(err instanceof StoreUnavailableError)) return undefined;
  return new CoreError('store_unavailable', `${err.message}; covalence reconnects by itself, try again shortly.`);
}

export const notFound = (what: string) => new CoreError('not_found', `${what} not found.`);

/**
 * Wraps a fabric failure with the pod manager it came from and what covalence was doing, so the
 * operator reads one sentence: "pod manager podm1 (http://…/eem): compose of node n1 failed at step
 * 'attach device …': the EEM did not answer in time".
 */
export function fabricFailure(err: unknown, podm: { name: string; url: string }, doing: string): CoreError | unknown {
  if (!(err instanceof FabricError)) return err;
  const text = `pod manager ${podm.name} (${podm.url}): ${doing}: ${err.message}`;
  switch (err.kind) {
    case 'timeout':
      return new CoreError('fabric_timeout', text);
    case 'unreachable':
      return new CoreError('fabric_unavailable', text);
    case 'not_found':
      return new CoreError('not_found', text, err.fabricCode);
    case 'conflict':
      return new CoreError('conflict', text, err.fabricCode);
    case 'wrong_role':
      return new CoreError('invalid', text);
    case 'auth':
    case 'bad_response':
    case 'rejected':
      return new CoreError('fabric_failed', text, err.fabricCode);
  }
}

/** Wraps a provisioner failure with what covalence was doing; Ironic's own words are kept. */
export function provisionFailure(err: unknown, doing: string): CoreError | unknown {
  if (!(err instanceof ProvisionError)) return err;
  const text = `Ironic: ${doing} failed at step '${err.step}': ${err.ironicMessage ?? err.detail}${err.leftover ? ` (left Ironic node ${err.leftover} behind)` : ''}`;
  switch (err.kind) {
    case 'unreachable':
      return new CoreError('provisioner_unavailable', text);
    case 'timeout':
      return new CoreError('provisioner_timeout', text);
    case 'rejected':
      return new CoreError('provisioner_rejected', text, undefined, err.status);
    case 'busy':
      return new CoreError('conflict', text);
    case 'auth':
    case 'failed':
      return new CoreError('provisioner_failed', text);
  }
}

/**
 * Why a call to a fabric manager failed, as a stable kind that core can decide on and api/ can map
 * to a status (auth → 502/401, unreachable → 503, timeout → 504, bad_response → 502, conflict → 409,
 * not_found → 404, wrong_role → 400, rejected → 502). Messages never carry credentials.
 */
export const FABRIC_ERROR_KINDS = [
  'auth', 'unreachable', 'timeout', 'bad_response', 'rejected', 'not_found', 'conflict', 'wrong_role',
] as const;
export type FabricErrorKind = (typeof FABRIC_ERROR_KINDS)[number];

export class FabricError extends Error {
  override readonly name = 'FabricError';
  constructor(
    readonly kind: FabricErrorKind,
    /** The call that failed, e.g. `PUT devices/{id}/group_id`. */
    readonly call: string,
    message: string,
    /** The fabric's own error code and HTTP status, when it answered one. */
    readonly fabricCode?: string,
    readonly fabricStatus?: number,
  ) {
    super(message);
  }
}

/**
 * What can go wrong while talking to a provisioner, as a stable `kind` that core and api/ can branch on
 * (api/ owns the HTTP statuses; docs/ironic.md suggests them), plus the `step` that failed.
 */
export const PROVISION_ERROR_KINDS = [
  /** Ironic (or Keystone) could not be reached, or answered 502/503. */
  'unreachable',
  /** No answer within the configured time, or a state change did not finish within the wait. */
  'timeout',
  /** Ironic refused the request with a 4xx; `status` and Ironic's own `ironicMessage` say why. */
  'rejected',
  /** The Ironic node is deployed, in a transient state or locked: not now. */
  'busy',
  /** Credentials refused (401/403), or Keystone gave no usable token or baremetal endpoint. */
  'auth',
  /** Ironic broke (5xx), or a state change ended in a failed state (`ironicMessage` holds last_error). */
  'failed',
] as const;
export type ProvisionErrorKind = (typeof PROVISION_ERROR_KINDS)[number];

/** The operation that failed; a port step names its MAC. */
export type ProvisionStep =
  | 'remove leftover node'
  | 'create node'
  | 'set traits'
  | `create port ${string}`
  | 'manage'
  | 'provide'
  | 'describe'
  | 'update facts'
  | 'deregister';

export interface ProvisionErrorDetails {
  /** HTTP status of Ironic's (or Keystone's) answer, when there was one. */
  status?: number;
  /** Ironic's message, decoded (its error body is JSON inside a string). */
  ironicMessage?: string;
  /** Uuid of an Ironic node that a failed register could not remove again. */
  leftover?: string;
}

export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
  readonly status?: number;
  readonly ironicMessage?: string;
  readonly leftover?: string;

  constructor(
    readonly kind: ProvisionErrorKind,
    readonly step: ProvisionStep,
    /** The message without the step. */
    readonly detail: string,
    details: ProvisionErrorDetails = {},
  ) {
    super(`${step}: ${detail}`);
    this.status = details.status;
    this.ironicMessage = details.ironicMessage;
    this.leftover = details.leftover;
  }
}

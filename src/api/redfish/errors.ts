import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError, storeFailure, type CoreErrorKind } from '../../core/index.js';
import { describeValidationError } from '../validation-messages.js';
import { odataType } from './odata.js';

// Errors in Redfish's form (redfish-error v1_0_2): `{"error": {code, message, @Message.ExtendedInfo}}`,
// each message named by a MessageId of the Base or Composition registry (reference §3.4).

export const BASE = 'Base.1.22';
export const COMPOSITION = 'Composition.1.1';

/** What each core error kind is on the Redfish wire. A 5xx only for what may pass by itself (sushy retries GETs on 5xx). */
export const REDFISH_ERRORS = {
  invalid: { status: 400, id: `${BASE}.GeneralError` },
  unsupported: { status: 400, id: `${BASE}.ActionNotSupported` },
  unauthorized: { status: 400, id: `${BASE}.GeneralError` }, // an EEM refused covalence's credentials, not the caller's
  unauthenticated: { status: 401, id: `${BASE}.NoValidSession` },
  forbidden: { status: 403, id: `${BASE}.InsufficientPrivilege` },
  not_found: { status: 404, id: `${BASE}.ResourceNotFound` },
  conflict: { status: 409, id: `${BASE}.ResourceInUse` },
  busy: { status: 409, id: `${BASE}.ResourceInUse` },
  fabric_failed: { status: 500, id: `${BASE}.InternalError` },
  fabric_unavailable: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
  fabric_timeout: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
  provisioner_rejected: { status: 400, id: `${BASE}.GeneralError` },
  provisioner_failed: { status: 500, id: `${BASE}.InternalError` },
  provisioner_unavailable: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
  provisioner_timeout: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
  identity_unavailable: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
  store_unavailable: { status: 503, id: `${BASE}.ServiceTemporarilyUnavailable` },
} as const satisfies Record<CoreErrorKind, { status: number; id: string }>;

/** A refusal that is Redfish's own (a MessageId of its registries), thrown by the Redfish routes. */
export class RedfishError extends Error {
  constructor(
    readonly status: number,
    readonly messageId: string,
    message: string,
    readonly args: string[] = [],
    /** JSON Pointers into the request body. */
    readonly relatedProperties: string[] = [],
  ) {
    super(message);
  }
}

export interface RedfishErrorBody {
  error: { code: string; message: string; '@Message.ExtendedInfo': Array<Record<string, unknown>> };
}

export function redfishErrorBody(err: RedfishError): RedfishErrorBody {
  const severity = err.status >= 500 ? 'Critical' : 'Warning';
  return {
    error: {
      code: err.messageId,
      message: err.message,
      '@Message.ExtendedInfo': [{
        '@odata.type': odataType('Message'),
        MessageId: err.messageId,
        Message: err.message,
        MessageArgs: err.args,
        MessageSeverity: severity,
        ...(err.relatedProperties.length > 0 && { RelatedProperties: err.relatedProperties }),
        Resolution: resolutionOf(err.status, err.messageId),
      }],
    },
  };
}

function resolutionOf(status: number, messageId: string): string {
  if (status === 401) return 'Send a covalence token as X-Auth-Token, or as the password of HTTP Basic authentication.';
  if (status === 503) return 'Retry the operation shortly.';
  if (status === 412 && messageId.endsWith('.PreconditionFailed')) return 'Read the resource again and send its current ETag.';
  return 'Correct the request and resubmit it, if the message says it can succeed.';
}

/** Any error a Redfish route meets, in Redfish's form: its own, core's, or a request Fastify refused. */
export function toRedfishError(thrown: FastifyError | CoreError | RedfishError, req: FastifyRequest): RedfishError {
  if (thrown instanceof RedfishError) return thrown;
  const err = storeFailure(thrown) ?? thrown;
  if (err instanceof CoreError) {
    const { status, id } = REDFISH_ERRORS[err.kind];
    return new RedfishError(status, id, err.message, status === 503 ? ['5'] : []);
  }
  if (err.validation) return validationError(err, req);
  const status = err.statusCode ?? 500;
  if (status === 415) return new RedfishError(415, `${BASE}.UnsupportedMediaType`, err.message);
  if (status === 400 && err.code?.startsWith('FST_ERR_CTP_')) return new RedfishError(400, `${BASE}.MalformedJSON`, `The request body is not valid JSON: ${err.message}`);
  if (status >= 400 && status < 500) return new RedfishError(status, `${BASE}.GeneralError`, err.message);
  req.log.error({ err }, 'unexpected error');
  return new RedfishError(500, `${BASE}.InternalError`, 'An unexpected error occurred; the request id is in the logs.');
}

/** A body the schema refuses, by the Base message that says what is wrong with which property. */
function validationError(err: FastifyError, req: FastifyRequest): RedfishError {
  const first = err.validation![0]!;
  const value = argOf((first as { data?: unknown }).data); // ajv's `verbose` adds it
  const pointer = first.instancePath;
  const text = describeValidationError(err.validation!, err.validationContext ?? 'body');
  const params = first.params as { missingProperty?: string; additionalProperty?: string };
  switch (first.keyword) {
    case 'required':
      return new RedfishError(400, `${BASE}.PropertyMissing`, text, [params.missingProperty ?? ''], [`${pointer}/${params.missingProperty ?? ''}`]);
    case 'additionalProperties':
      return new RedfishError(400, `${BASE}.PropertyUnknown`, text, [params.additionalProperty ?? ''], [`${pointer}/${params.additionalProperty ?? ''}`]);
    case 'enum':
      return new RedfishError(400, `${BASE}.PropertyValueNotInList`, text, [value, pointer], [pointer]);
    default:
      req.log.debug({ keyword: first.keyword }, 'refused by the schema');
      return new RedfishError(400, `${BASE}.PropertyValueTypeError`, text, [value, pointer], [pointer]);
  }
}

/** A URL the router cannot read, under /redfish: the 400 Fastify answers before any route, in Redfish's form. */
export function redfishFrameworkError(err: FastifyError, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The request path is not a valid URL.';
  void sendRedfishError(reply, new RedfishError(400, `${BASE}.GeneralError`, message));
}

/** A refused value as a message argument: a scalar as JSON (cut short), a structure by its kind (it may nest without end). */
function argOf(data: unknown): string {
  if (Array.isArray(data)) return 'an array';
  if (typeof data === 'object' && data !== null) return 'an object';
  return JSON.stringify(data ?? null).slice(0, 100);
}

export function sendRedfishError(reply: FastifyReply, err: RedfishError): FastifyReply {
  if (err.status === 401) reply.header('www-authenticate', 'Basic realm="covalence"');
  if (err.status === 503) reply.header('retry-after', '5');
  return reply.code(err.status).type('application/json').send(redfishErrorBody(err));
}

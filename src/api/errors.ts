import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CoreError, storeFailure, type CoreErrorKind } from '../core/index.js';
import { ErrorBody } from './schemas.js';
import { describeValidationError } from './validation-messages.js';

/** The one catalogue of what each core error kind is on the wire. Only api/ knows HTTP statuses. */
export const ERROR_CATALOGUE = {
  invalid: { status: 400, title: 'Bad Request' },
  unsupported: { status: 400, title: 'Bad Request' },
  unauthorized: { status: 401, title: 'Authorization Error' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Resource could not be found' },
  conflict: { status: 409, title: 'Conflict' },
  busy: { status: 409, title: 'Resource Busy' },
  fabric_failed: { status: 502, title: 'Pod Manager Error' },
  fabric_unavailable: { status: 503, title: 'Connection Error' },
  fabric_timeout: { status: 504, title: 'Pod Manager Timeout' },
  provisioner_rejected: { status: 400, title: 'Provisioner Refused' },
  provisioner_failed: { status: 502, title: 'Provisioner Error' },
  provisioner_unavailable: { status: 503, title: 'Provisioner Unavailable' },
  provisioner_timeout: { status: 504, title: 'Provisioner Timeout' },
  identity_unavailable: { status: 503, title: 'Identity Service Unavailable' },
  store_unavailable: { status: 503, title: 'Database Unavailable' },
} as const satisfies Record<CoreErrorKind, { status: number; title: string }>;

/** Valence's error body: `{request_id, code, status, title, detail}`, with a real request id. */
export type ValenceError = Static<typeof ErrorBody>;

/** A request refused for how it is sent, before its route sees it (an HTTP matter, not core's). */
export class RequestRefused extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

/**
 * The one scheme of `code`: the reason phrase of the status answered (Valence's default), except
 * that an EEM's own code is passed on, as Valence's ExpEther driver did, where covalence answers
 * with the EEM's status ("40400" with a 404, "40900" with a 409). An EEM's "40000" behind a 502
 * would contradict its status, so that answer carries the phrase, and the EEM's code stays in the detail.
 */
function fabricCodeFor(code: string | undefined, status: number): string | undefined {
  return code !== undefined && /^\d{5}$/.test(code) && code.startsWith(String(status)) ? code : undefined;
}

export function errorBody(requestId: string, status: number, detail: string, title?: string, code?: string): ValenceError {
  const phrase = STATUS_CODES[status] ?? 'Error';
  return { request_id: requestId, code: code ?? phrase, status, title: title ?? phrase, detail };
}

/** Every error leaves as a Valence body; nothing unexpected leaks its internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | CoreError, req, reply) => {
    const err = storeFailure(thrown) ?? thrown;
    if (err instanceof CoreError) {
      const { status, title } = ERROR_CATALOGUE[err.kind];
      // Ironic's own 4xx passes through (its 409 stays a 409); anything else keeps the catalogue's.
      const passed = err.upstreamStatus !== undefined && err.upstreamStatus >= 400 && err.upstreamStatus < 500 ? err.upstreamStatus : status;
      return send(reply, req, errorBody(req.id, passed, err.message, title, fabricCodeFor(err.code, passed)));
    }
    if (err.validation) {
      const detail = describeValidationError(err.validation, err.validationContext ?? 'body');
      return send(reply, req, errorBody(req.id, 400, detail, 'Validation Error', 'Bad Request'));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, req, errorBody(req.id, status, clientErrorDetail(err, req)));
    }
    req.log.error({ err }, 'unexpected error');
    return send(reply, req, errorBody(req.id, 500, 'An unexpected error occurred; the request id is in the logs.'));
  });

  app.setNotFoundHandler((req, reply) => {
    send(reply, req, errorBody(req.id, 404, `The resource ${req.method} ${req.url.split('?')[0]} does not exist.`));
  });
}

/** A URL the router cannot read (bad percent-encoding, a parameter over 100 characters): 400 in Valence's body. */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const detail = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The request path is not a valid URL.';
  void send(reply, req, errorBody(req.id, 400, detail));
}

/**
 * What the HTTP parser refuses before Fastify sees a request (not HTTP at all, headers over 16 KiB)
 * still gets Valence's body, then the connection is closed.
 */
export function clientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(errorBody(randomUUID(), status, status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP.'));
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroySoon();
}

function clientErrorDetail(err: FastifyError, req: FastifyRequest): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `The request body must be JSON (Content-Type: application/json), not '${req.headers['content-type'] ?? ''}'.`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty but Content-Type says JSON.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `The request body is not valid JSON: ${err.message}`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    default:
      return err.message;
  }
}

function send(reply: FastifyReply, _req: FastifyRequest, body: ValenceError): FastifyReply {
  return reply.code(body.status).type('application/json').send(body);
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { ProvisionError, type ProvisionStep } from '../errors.js';
import type { IronicAuth } from './auth.js';
import { exchange, failure, header, openstackMessage, type Reply } from './http.js';

/** The newest API covalence is written against (Ironic 21.4, Debian bookworm). */
export const OUR_MICROVERSION = '1.82';
/** The oldest it can work with: traits arrived in 1.37 (enroll 1.11, resource_class 1.21). */
export const OLDEST_MICROVERSION = '1.37';
const VERSION_HEADER = 'X-OpenStack-Ironic-API-Version';
const MAX_VERSION_HEADER = 'X-OpenStack-Ironic-API-Maximum-Version';

/** 409 "locked" and 503 are Ironic saying "not now": the request was not carried out, so retrying is safe. */
const ATTEMPTS = 6;
const FIRST_RETRY_DELAY_MS = 200;

/**
 * Ironic's REST API: authenticated, with the microversion negotiated once and sent on every request
 * (without it Ironic acts as 1.1), retrying what Ironic asks to retry. Callers type what they read.
 */
export class IronicClient {
  #version: Promise<string> | undefined;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly auth: IronicAuth,
  ) {}

  /** The answer's body on a 2xx; a ProvisionError otherwise. */
  async call<T>(step: ProvisionStep, method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<T> {
    const reply = await this.#send(step, method, path, body);
    if (reply.status >= 200 && reply.status < 300) return reply.body as T;
    throw ironicFailure(reply, step);
  }

  /** Like a GET `call`, but null when Ironic answers 404. */
  async find<T>(step: ProvisionStep, path: string): Promise<T | null> {
    const reply = await this.#send(step, 'GET', path);
    if (reply.status === 404) return null;
    if (reply.status === 200) return reply.body as T;
    throw ironicFailure(reply, step);
  }

  async #send(step: ProvisionStep, method: Dispatcher.HttpMethod, path: string, body?: unknown): Promise<Reply> {
    this.#version ??= this.#negotiate(step).catch((err: unknown) => {
      this.#version = undefined;
      throw err;
    });
    return this.#attempt(step, method, path, body, await this.#version);
  }

  /**
   * Asks `GET /v1` with our newest version: Ironic answers 200, or 406 when it is older, and either
   * way names its maximum in a header. We then speak min(ours, its).
   */
  async #negotiate(step: ProvisionStep): Promise<string> {
    const reply = await this.#attempt(step, 'GET', '/v1', undefined, OUR_MICROVERSION);
    if (reply.status !== 200 && reply.status !== 406) throw ironicFailure(reply, step);
    const max = header(reply, MAX_VERSION_HEADER);
    if (max === undefined || !/^1\.\d+$/.test(max)) {
      throw new ProvisionError('failed', step, `the server at the Ironic URL sends no ${MAX_VERSION_HEADER}: not Ironic?`);
    }
    if (minor(max) < minor(OLDEST_MICROVERSION)) {
      throw new ProvisionError('rejected', step, `Ironic's API goes up to ${max}; covalence needs ${OLDEST_MICROVERSION}`);
    }
    return minor(max) < minor(OUR_MICROVERSION) ? max : OUR_MICROVERSION;
  }

  async #attempt(
    step: ProvisionStep,
    method: Dispatcher.HttpMethod,
    path: string,
    body: unknown,
    version: string,
  ): Promise<Reply> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const session = await this.auth.session(step);
      const reply = await exchange(this.dispatcher, step, 'Ironic', session.endpoint + path, {
        method,
        headers: { ...session.headers, [VERSION_HEADER]: version },
        body,
      });
      if (reply.status === 401 && !renewed && this.auth.renew()) {
        renewed = true;
      } else if (attempt < ATTEMPTS && (reply.status === 503 || isLocked(reply))) {
        await sleep(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1));
      } else {
        return reply;
      }
    }
  }
}

function isLocked(reply: Reply): boolean {
  return reply.status === 409 && / is locked by host /.test(openstackMessage(reply.body) ?? '');
}

function ironicFailure(reply: Reply, step: ProvisionStep): ProvisionError {
  if (isLocked(reply)) {
    const message = openstackMessage(reply.body) ?? '';
    return new ProvisionError('busy', step, `Ironic kept the node locked: ${message}`, { status: 409, ironicMessage: message });
  }
  return failure(reply, step, 'Ironic');
}

function minor(version: string): number {
  return Number(version.split('.')[1]);
}

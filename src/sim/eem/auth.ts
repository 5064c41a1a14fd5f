// HTTP Basic authentication, as the EEM (a Tomcat application) asks for on every call.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { EemError } from './errors.js';

export const AUTH_REALM = 'Basic realm="EEM"';

/** An onRequest hook that refuses calls without the right user and password. */
export function basicAuth(user: string, password: string): (request: FastifyRequest) => Promise<void> {
  const expected = digest(`${user}:${password}`);
  return async (request) => {
    const match = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new EemError('credentialsMissing', 'HTTP Basic credentials are required');
    // Compare digests, so neither the time taken nor a length check tells how close a guess was.
    if (!timingSafeEqual(digest(Buffer.from(match[1]!, 'base64').toString('utf8')), expected)) {
      throw new EemError('credentialsWrong', 'Invalid user or password');
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

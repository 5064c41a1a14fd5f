import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work runs for. The logger mixes it into every line, so core's log lines
 * carry the request id without core knowing about HTTP.
 */
export const requestContext = new AsyncLocalStorage<{ reqId: string }>();

export function currentRequest(): { reqId?: string } {
  return requestContext.getStore() ?? {};
}

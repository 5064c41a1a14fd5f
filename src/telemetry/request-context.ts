import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work runs for. The logger mixes it into every line, so core's log lines
 * carry the request id without core knowing about HTTP; events record it, and who asked.
 */
export const requestContext = new AsyncLocalStorage<{ reqId: string; caller?: string }>();

export function currentRequest(): { reqId?: string } {
  const ctx = requestContext.getStore();
  return ctx ? { reqId: ctx.reqId } : {};
}

/** Who the current request is from (user name, project), once authenticated. */
export function currentCaller(): string | undefined {
  return requestContext.getStore()?.caller;
}

/** Called by access control once the caller is known. */
export function setCurrentCaller(caller: string): void {
  const ctx = requestContext.getStore();
  if (ctx) ctx.caller = caller;
}

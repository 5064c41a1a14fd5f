import { request } from 'undici';
import { apiError, parse } from './api.js';
import { Unreachable } from './errors.js';

/** One Server-Sent Events message: covalence sends the sequence as id, the kind as event, JSON as data. */
export interface StreamMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface StreamOptions {
  token?: string;
  /** Resume after this sequence number (sent as Last-Event-ID). */
  lastEventId?: string;
  signal?: AbortSignal;
}

/**
 * Follows an SSE stream until it ends or `signal` aborts; yields each message as it arrives. A
 * refusal (4xx/5xx) is thrown as the API's error; reconnecting is the caller's choice.
 */
export async function* followStream(url: string, opts: StreamOptions = {}): AsyncGenerator<StreamMessage> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (opts.token) headers['x-auth-token'] = opts.token;
  if (opts.lastEventId !== undefined) headers['last-event-id'] = opts.lastEventId;
  let res;
  try {
    res = await request(url, { headers, ...(opts.signal && { signal: opts.signal }) });
  } catch (err) {
    if (opts.signal?.aborted) return;
    throw new Unreachable(url, err instanceof Error ? err.message : String(err));
  }
  if (res.statusCode >= 400) {
    const text = await res.body.text();
    throw apiError(res.statusCode, parse(text), text);
  }
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      buffer += (chunk as Buffer).toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = parseMessage(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (message) yield message;
      }
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw err;
  }
}

/** Comments (keep-alives) and `retry:` lines carry no message. */
function parseMessage(block: string): StreamMessage | undefined {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0 ? undefined : { id, event, data: data.join('\n') };
}

import { createHmac } from 'node:crypto';
import { request } from 'undici';
import type { WebhookTargets } from './webhook-targets.js';

/** The header a receiver checks: `sha256=` and the hex HMAC-SHA256 of the body under the subscription's secret. */
export const SIGNATURE_HEADER = 'x-covalence-signature';

/** What came of one POST: delivered (2xx), or why not. */
export type PostResult = { ok: true } | { ok: false; error: string };

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs one event to a receiver, signed, with its sequence and kind in headers too (a receiver
 * can drop a repeat by sequence before reading the body). Never throws: a failure is a result.
 */
export async function postEvent(
  targets: WebhookTargets, url: string, secret: string, event: { seq: number; kind: string }, body: string, timeoutMs: number, subscriptionId: string,
): Promise<PostResult> {
  // A literal address is never looked up, so the dispatcher's check would not see it.
  const literal = targets.refusalOfUrl(url);
  if (literal) return { ok: false, error: literal };
  try {
    const res = await request(url, {
      dispatcher: targets.dispatcher,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-covalence-sequence': String(event.seq),
        'x-covalence-event': event.kind,
        'x-covalence-subscription': subscriptionId,
        [SIGNATURE_HEADER]: sign(secret, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
    return res.statusCode >= 200 && res.statusCode < 300 ? { ok: true } : { ok: false, error: `the receiver answered HTTP ${res.statusCode}` };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

import { listEvents } from '../../store/events.js';
import {
  deleteDeadLetter, findSubscription, insertDeadLetter, leaseSubscription, listDeadLetters, listSubscriptions, releaseSubscription,
  subscriptionsWithReplays, updateHeldSubscription, type SubscriptionRow,
} from '../../store/subscriptions.js';
import type { CoreContext } from '../context.js';
import { toEvent, type Event } from './event.js';
import type { EventHub } from './hub.js';
import { filterOf } from './subscriptions.js';
import { postEvent } from './webhook.js';
import type { WebhookTargets } from './webhook-targets.js';

/** The JSON body of a delivery: the API's own view of the event (given by the service). */
export type RenderEvent = (e: Event) => string;

/**
 * Webhook deliveries, in the background so a slow receiver never slows the API: one loop per
 * subscription, under a lease so only one replica delivers it, in sequence order. A failed POST is
 * retried after a pause that doubles (`webhookRetryBaseMs` up to `webhookRetryCapMs`); after
 * `webhookMaxAttempts` the event goes to the subscription's dead letters and the next one is sent.
 * Dead letters asked to be replayed are tried once more before the next event.
 */
export class Deliveries {
  private readonly running = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private unlisten: () => unknown = () => undefined;
  private closed = false;

  constructor(
    private readonly ctx: CoreContext, private readonly hub: EventHub, private readonly render: RenderEvent, private readonly targets: WebhookTargets,
  ) {}

  start(): void {
    this.unlisten = this.hub.listen(() => this.kick());
    const { webhookRetryBaseMs, eventPollMs } = this.ctx.settings;
    this.timer = setInterval(() => this.kick(), Math.min(webhookRetryBaseMs, eventPollMs));
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.unlisten();
  }

  /** Starts a loop for each subscription with something due that no loop here is running. */
  kick(): void {
    void this.due().then((subs) => subs.forEach((s) => void this.loop(s))).catch((err: unknown) => {
      this.ctx.log.warn({ err: String(err) }, 'looking for webhook deliveries failed');
    });
  }

  private async due(): Promise<SubscriptionRow[]> {
    const now = new Date().toISOString();
    const replays = await subscriptionsWithReplays(this.ctx.store.db);
    return (await listSubscriptions(this.ctx.store.db)).filter((s) => !this.running.has(s.id)
      && (replays.has(s.id) || (s.delivered_seq < this.hub.head && s.next_attempt_at <= now))
      && (s.holder === null || s.holder === this.ctx.holder || (s.lease_until ?? '') < now));
  }

  private async loop(sub: SubscriptionRow): Promise<void> {
    if (this.running.has(sub.id)) return;
    this.running.add(sub.id);
    try {
      while (!this.closed && (await this.lease(sub.id)) && (await this.step(sub))) {
        // each step delivers (or gives up on) one event
      }
    } catch (err) {
      this.ctx.log.warn({ subscription: sub.id, err: String(err) }, 'webhook delivery failed');
    } finally {
      await releaseSubscription(this.ctx.store.db, sub.id, this.ctx.holder).catch(() => undefined);
      this.running.delete(sub.id);
    }
  }

  private lease(id: string): Promise<boolean> {
    const now = Date.now();
    return leaseSubscription(this.ctx.store.db, id, this.ctx.holder, new Date(now).toISOString(), new Date(now + this.ctx.settings.leaseMs).toISOString());
  }

  /** Sends one replay or the next event; false when there is nothing more to do now. */
  private async step(sub: SubscriptionRow): Promise<boolean> {
    const { db } = this.ctx.store;
    const [replay] = await listDeadLetters(db, sub.id, true);
    if (replay) {
      const [row] = await listEvents(db, replay.seq - 1, {}, 1, replay.seq);
      const result = row ? await this.post(sub, toEvent(row)) : { ok: false as const, error: 'the event is past the retention window' };
      if (result.ok) await deleteDeadLetter(db, sub.id, replay.seq);
      else await insertDeadLetter(db, { subscription_id: sub.id, seq: replay.seq, attempts: replay.attempts + 1, error: result.error, replay: 0, at: new Date().toISOString() });
      return true;
    }
    const current = await findSubscription(db, sub.id);
    if (!current || current.next_attempt_at > new Date().toISOString()) return false;
    const [row] = await listEvents(db, current.delivered_seq, filterOf(current), 1, this.hub.head);
    if (!row) {
      // nothing it wants up to the head: it is caught up to there
      if (current.delivered_seq < this.hub.head) await updateHeldSubscription(db, sub.id, this.ctx.holder, { delivered_seq: this.hub.head });
      return false;
    }
    const event = toEvent(row);
    const result = await this.post(current, event);
    const at = new Date().toISOString();
    if (result.ok) {
      return updateHeldSubscription(db, sub.id, this.ctx.holder, {
        delivered_seq: event.seq, attempts: 0, last_attempt_at: at, last_outcome: 'delivered', last_error: null, delivered: current.delivered + 1,
      });
    }
    const attempts = current.attempts + 1;
    if (attempts >= this.ctx.settings.webhookMaxAttempts) {
      await insertDeadLetter(db, { subscription_id: sub.id, seq: event.seq, attempts, error: result.error, replay: 0, at });
      this.ctx.metrics.deadLetters.inc();
      this.ctx.metrics.deliveries.inc({ outcome: 'dead_lettered' });
      return updateHeldSubscription(db, sub.id, this.ctx.holder, { delivered_seq: event.seq, attempts: 0, last_attempt_at: at, last_outcome: 'dead_lettered', last_error: result.error });
    }
    const { webhookRetryBaseMs: base, webhookRetryCapMs: cap } = this.ctx.settings;
    const next = new Date(Date.now() + Math.min(base * 2 ** (attempts - 1), cap)).toISOString();
    await updateHeldSubscription(db, sub.id, this.ctx.holder, { attempts, next_attempt_at: next, last_attempt_at: at, last_outcome: 'failed', last_error: result.error });
    return false;
  }

  private async post(sub: SubscriptionRow, event: Event) {
    const result = await postEvent(this.targets, sub.url, this.ctx.secrets.open(sub.secret_sealed), event, this.render(event), this.ctx.settings.webhookTimeoutMs, sub.id);
    if (result.ok) this.ctx.metrics.deliveries.inc({ outcome: 'delivered' });
    else this.ctx.metrics.deliveries.inc({ outcome: 'failed' });
    return result;
  }
}

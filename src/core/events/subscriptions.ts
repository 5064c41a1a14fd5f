import { randomUUID } from 'node:crypto';
import type { EventKind } from '../../shared/vocabulary.js';
import { nowIso } from '../../shared/time.js';
import type { EventFilter } from '../../store/events.js';
import {
  countDeadLetters, deleteSubscription, findSubscription, insertSubscription, listDeadLetters, listSubscriptions, markForReplay,
  type DeadLetterRow, type SubscriptionRow,
} from '../../store/subscriptions.js';
import { projectScope, type Caller } from '../access/caller.js';
import type { CoreContext } from '../context.js';
import { notFound } from '../errors.js';
import type { EventQuery } from './event.js';
import type { Deliveries } from './deliveries.js';
import type { EventHub } from './hub.js';
import type { WebhookTargets } from './webhook-targets.js';

export interface SubscriptionInput extends EventQuery {
  url: string;
  secret: string;
}

/** A subscription as core hands it out: the secret stays behind; with its delivery status. */
export interface Subscription {
  readonly id: string;
  readonly url: string;
  readonly kinds: EventKind[];
  readonly podmId: string | null;
  readonly nodeId: string | null;
  readonly projectId: string | null;
  readonly owner: string;
  readonly createdAt: string;
  readonly status: {
    readonly deliveredSeq: number;
    readonly delivered: number;
    readonly attempts: number;
    readonly nextAttemptAt: string;
    readonly lastAttemptAt: string | null;
    readonly lastOutcome: SubscriptionRow['last_outcome'];
    readonly lastError: string | null;
    readonly deadLetters: number;
  };
}

export type DeadLetter = Pick<DeadLetterRow, 'seq' | 'attempts' | 'error' | 'at'> & { replaying: boolean };

/**
 * Webhook subscriptions: a caller subscribes to what they may read (their project's nodes and the
 * pool; an admin's subscription, everything), from the newest event on. Only its owner and admins
 * see, delete or replay it.
 */
export class Subscriptions {
  constructor(
    private readonly ctx: CoreContext, private readonly hub: EventHub, private readonly deliveries: Deliveries, private readonly targets: WebhookTargets,
  ) {}

  async create(input: SubscriptionInput, caller: Caller): Promise<Subscription> {
    this.targets.refuseUrl(input.url);
    const at = nowIso();
    const row = {
      id: randomUUID(), url: input.url, kinds: JSON.stringify(input.kinds ?? []), podm_id: input.podmId ?? null, node_id: input.nodeId ?? null,
      secret_sealed: this.ctx.secrets.seal(input.secret), project_id: projectScope(caller) ?? null, owner: caller.userId,
      delivered_seq: this.hub.head, attempts: 0, next_attempt_at: at, last_attempt_at: null, last_outcome: null, last_error: null,
      delivered: 0, holder: null, lease_until: null, created_at: at,
    };
    await insertSubscription(this.ctx.store.db, row);
    return this.view(row);
  }

  async list(caller: Caller): Promise<Subscription[]> {
    const rows = await listSubscriptions(this.ctx.store.db, caller.role === 'admin' ? undefined : caller.userId);
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async get(id: string, caller: Caller): Promise<Subscription> {
    return this.view(await this.row(id, caller));
  }

  async delete(id: string, caller: Caller): Promise<void> {
    await this.row(id, caller);
    await this.ctx.store.transaction((tx) => deleteSubscription(tx, id));
  }

  async deadLetters(id: string, caller: Caller): Promise<DeadLetter[]> {
    await this.row(id, caller);
    return (await listDeadLetters(this.ctx.store.db, id)).map((d) => ({ seq: d.seq, attempts: d.attempts, error: d.error, at: d.at, replaying: d.replay === 1 }));
  }

  /** Asks for the dead letters (or the one of `seq`) to be delivered again, in the background. */
  async replay(id: string, caller: Caller, seq?: number): Promise<number> {
    await this.row(id, caller);
    const marked = await markForReplay(this.ctx.store.db, id, seq);
    if (seq !== undefined && marked === 0) throw notFound(`Dead letter ${seq} of subscription ${id}`);
    this.deliveries.kick();
    return marked;
  }

  private async row(id: string, caller: Caller): Promise<SubscriptionRow> {
    const row = await findSubscription(this.ctx.store.db, id);
    // Another user's subscription is not there, as far as the caller can tell.
    if (!row || (caller.role !== 'admin' && row.owner !== caller.userId)) throw notFound(`Subscription ${id}`);
    return row;
  }

  private async view(row: SubscriptionRow): Promise<Subscription> {
    return {
      id: row.id, url: row.url, kinds: JSON.parse(row.kinds) as EventKind[], podmId: row.podm_id, nodeId: row.node_id, projectId: row.project_id,
      owner: row.owner, createdAt: row.created_at,
      status: {
        deliveredSeq: row.delivered_seq, delivered: row.delivered, attempts: row.attempts, nextAttemptAt: row.next_attempt_at,
        lastAttemptAt: row.last_attempt_at, lastOutcome: row.last_outcome, lastError: row.last_error,
        deadLetters: await countDeadLetters(this.ctx.store.db, row.id),
      },
    };
  }
}

/** The events a subscription receives: its filters, within its creator's project. */
export function filterOf(row: SubscriptionRow): EventFilter {
  const kinds = JSON.parse(row.kinds) as EventKind[];
  return {
    ...(kinds.length > 0 && { kinds }), ...(row.podm_id !== null && { podmId: row.podm_id }),
    ...(row.node_id !== null && { nodeId: row.node_id }), ...(row.project_id !== null && { project: row.project_id }),
  };
}

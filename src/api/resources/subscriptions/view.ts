import type { Static } from '@sinclair/typebox';
import type { DeadLetter, Subscription } from '../../../core/index.js';
import type { DeadLetterView, SubscriptionView } from './schemas.js';

export function subscriptionView(s: Subscription): Static<typeof SubscriptionView> {
  const st = s.status;
  return {
    uuid: s.id, url: s.url, kinds: s.kinds, podm_id: s.podmId, node_id: s.nodeId, project_id: s.projectId, owner: s.owner, created_at: s.createdAt,
    status: {
      delivered_seq: st.deliveredSeq, delivered: st.delivered, attempts: st.attempts, next_attempt_at: st.nextAttemptAt,
      last_attempt_at: st.lastAttemptAt, last_outcome: st.lastOutcome, last_error: st.lastError, dead_letters: st.deadLetters,
    },
  };
}

export function deadLetterView(d: DeadLetter): Static<typeof DeadLetterView> {
  return { seq: d.seq, attempts: d.attempts, error: d.error, time: d.at, replaying: d.replaying };
}

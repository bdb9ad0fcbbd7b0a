import { subjectKey } from '#core/review/case-id';
import { nextTimerAt } from '#core/review/sla-timers';
import type { ReviewCase, Subject } from '#schemas/review-case';

/** Shards per tenant and queue of the urgency index: each takes up to 1,000 writes a second. */
export const QUEUE_SHARDS = 4;
/** Shards of the timer index, shared by all tenants. */
export const TIMER_SHARDS = 8;
const SEQ_DIGITS = 10;

/** A stable shard number from a case id (FNV-1a), so a case always lands in the same shard. */
export function shardOf(caseId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < caseId.length; index++) {
    hash = Math.imul(hash ^ caseId.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** The partition key of a case's projection and of its audit log. */
export function casePartitionKey(tenant: string, caseId: string): string {
  return `CASE#${tenant}#${caseId}`;
}

/** The urgency index's partition of one shard of a tenant's queue. */
export function queueShardKey(tenant: string, queue: string, shard: number): string {
  return `${tenant}#${queue}#${shard}`;
}

/** The audit sort key of a case's event `seq`, zero-padded so events sort in order. */
export function eventSortKey(seq: number): string {
  return `E#${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/** The key of the pointer from a subject to the case its reports merge into. */
export function subjectPartitionKey(tenant: string, subject: Subject): string {
  return `SUBJECT#${tenant}#${subjectKey(subject)}`;
}

/**
 * The index attributes of a case projection: in the urgency index while undecided (`P1#<dueAt>#<id>`,
 * so priority then due time orders it), in the timer index while a timer is pending, and in the
 * closed-day index once decided. Attributes left out keep an item out of that sparse index.
 */
export function indexAttributes(reviewCase: ReviewCase): Record<string, string> {
  const { tenant, caseId } = reviewCase;
  const attributes: Record<string, string> = {};
  if (reviewCase.status === 'decided') {
    const closedAt = reviewCase.outcome?.decidedAt ?? reviewCase.createdAt;
    attributes.closedDay = `${tenant}#${reviewCase.queue}#${closedAt.slice(0, 10)}`;
    attributes.closedAt = `${closedAt}#${caseId}`;
  } else {
    attributes.queueShard = queueShardKey(tenant, reviewCase.queue, shardOf(caseId, QUEUE_SHARDS));
    attributes.urgency = `${reviewCase.priority}#${reviewCase.dueAt}#${caseId}`;
    if (reviewCase.claim !== undefined) attributes.leaseExpiresAt = reviewCase.claim.leaseExpiresAt;
  }
  const timerAt = nextTimerAt(reviewCase);
  if (timerAt !== undefined) {
    attributes.timerShard = `T#${shardOf(caseId, TIMER_SHARDS)}`;
    attributes.nextTimerAt = `${timerAt}#${tenant}#${caseId}`;
  }
  return attributes;
}

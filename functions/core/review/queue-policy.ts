import type { Calendar, CaseSource, ReviewPolicy, ReviewQueue } from '#schemas/review-policy';
import type { Priority, Severity } from '#schemas/rule';
import { UnknownQueueError } from './errors.ts';
import { addStaffedMinutes } from './staffed-calendar.ts';

const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];
const UNIT_MINUTES = { m: 1, h: 60, d: 1_440 } as const;

/** The queue of a policy by name; throws UnknownQueueError for any other name. */
export function queueNamed(policy: ReviewPolicy, name: string): ReviewQueue {
  const queue = policy.queues.find((candidate) => candidate.name === name);
  if (queue === undefined) throw new UnknownQueueError(name);
  return queue;
}

/** The calendar a queue's SLA clock runs on. */
export function calendarOf(policy: ReviewPolicy, queue: ReviewQueue): Calendar {
  return queue.calendar === '24/7' ? '24/7' : (policy.calendars[queue.calendar] as Calendar);
}

/** A policy duration (`15m`, `1h`, `2d`) in minutes. */
export function durationMinutes(duration: string): number {
  const unit = duration.at(-1) as keyof typeof UNIT_MINUTES;
  return Number(duration.slice(0, -1)) * UNIT_MINUTES[unit];
}

/** When a case of this priority, opened (or moved) at `from`, warns and is due, in the queue's staffed time. */
export function dueTimes(
  policy: ReviewPolicy,
  queueName: string,
  priority: Priority,
  from: Date,
): { dueAt: string; warningAt: string } {
  const queue = queueNamed(policy, queueName);
  const calendar = calendarOf(policy, queue);
  const slaMinutes = durationMinutes(queue.sla[priority]);
  return {
    dueAt: addStaffedMinutes(calendar, from, slaMinutes).toISOString(),
    warningAt: addStaffedMinutes(calendar, from, slaMinutes * queue.warnAt).toISOString(),
  };
}

/** What routing looks at to choose a queue. */
export interface RoutingFacts {
  source: CaseSource;
  kind?: string;
  /** The queue the rules named on the verdict. */
  ruleQueue?: string;
  reasonCode?: string;
}

/**
 * The queue for a new case: the first routing rule whose conditions all hold, else the queue the rules
 * named when the policy defines it, else the default queue.
 */
export function routeCase(policy: ReviewPolicy, facts: RoutingFacts): string {
  const route = policy.routes.find(({ when }) => {
    if (when.source !== undefined && !when.source.includes(facts.source)) return false;
    if (when.kind !== undefined && (facts.kind === undefined || !when.kind.includes(facts.kind)))
      return false;
    if (
      when.ruleQueue !== undefined &&
      (facts.ruleQueue === undefined || !when.ruleQueue.includes(facts.ruleQueue))
    )
      return false;
    if (
      when.reasonCode !== undefined &&
      (facts.reasonCode === undefined || !when.reasonCode.includes(facts.reasonCode))
    )
      return false;
    return true;
  });
  if (route !== undefined) return route.queue;
  if (facts.ruleQueue !== undefined && policy.queues.some((queue) => queue.name === facts.ruleQueue))
    return facts.ruleQueue;
  return policy.defaultQueue;
}

/** One step more urgent; P1 stays P1. */
export function raisePriority(priority: Priority): Priority {
  return PRIORITIES[Math.max(0, PRIORITIES.indexOf(priority) - 1)] as Priority;
}

/**
 * A case's priority: what the rules asked for (or the policy's report priority), P1 for critical
 * severity, and one step up at each reporter threshold the case has reached.
 */
export function casePriority(
  policy: ReviewPolicy,
  facts: { rulePriority?: Priority; severity?: Severity; reporters: number },
): Priority {
  let priority: Priority =
    facts.severity === 'critical' ? 'P1' : (facts.rulePriority ?? policy.reportPriority);
  for (const threshold of policy.raiseAtReports) {
    if (facts.reporters >= threshold) priority = raisePriority(priority);
  }
  return priority;
}

/** Whether a moderator may work a queue by the policy's assignment; leads and admins work every queue. */
export function mayWorkQueue(queue: ReviewQueue, moderatorId: string): boolean {
  return queue.moderators.includes(moderatorId);
}

import type { Principal } from '#schemas/principal';
import type { ReviewPolicy } from '#schemas/review-policy';
import { QueueForbiddenError } from './errors.ts';

/** Whether the principal may work a queue: leads and admins every queue, moderators the ones that name them. */
export function mayWork(policy: ReviewPolicy, queue: string, principal: Principal): boolean {
  if (principal.role !== 'moderator') return true;
  return policy.queues.some(
    (candidate) => candidate.name === queue && candidate.moderators.includes(principal.userId),
  );
}

/** Refuses a queue the principal may not work. */
export function assertMayWork(policy: ReviewPolicy, queue: string, principal: Principal): void {
  if (!mayWork(policy, queue, principal)) throw new QueueForbiddenError(queue, principal.userId);
}

/** The queues the principal may work, in policy order. */
export function workableQueues(policy: ReviewPolicy, principal: Principal): string[] {
  return policy.queues.map((queue) => queue.name).filter((queue) => mayWork(policy, queue, principal));
}

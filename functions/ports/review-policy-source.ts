import type { ReviewPolicy } from '#schemas/review-policy';

/** Supplies each tenant's review policy: its queues, calendars and routing rules. */
export interface ReviewPolicySource {
  policyFor(tenant: string): Promise<ReviewPolicy>;
}

import type { ReviewRequest } from '#schemas/review-request';

/** How the message that led to a request reached Patrol: `hops` is how often Patrol had already sent it on. */
export interface ReviewSendOptions {
  hops?: number;
}

/**
 * Sends work to the review queue; intake is idempotent, so sending one request twice is harmless.
 * A request counts one hop more than its message, and none is sent past the hop limit (HopLimitError).
 */
export interface ReviewRequestSender {
  send(request: ReviewRequest, options?: ReviewSendOptions): Promise<void>;
}

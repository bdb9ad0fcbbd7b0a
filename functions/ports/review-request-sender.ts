import type { ReviewRequest } from '#schemas/review-request';

/** Sends work to the review queue; intake is idempotent, so sending one request twice is harmless. */
export interface ReviewRequestSender {
  send(request: ReviewRequest): Promise<void>;
}

import type { Rejection } from '#ports/rejection-log';
import type { RejectedSubmissionError } from './errors.ts';

/** The rejection record of a refused message, kept by its SQS message id beside the DLQ copy. */
export function toRejection(messageId: string, error: RejectedSubmissionError, rejectedAt: Date): Rejection {
  return {
    messageId,
    reason: error.message,
    issues: error.issues.map((issue) => ({ ...issue })),
    ...(error.tenant === undefined ? {} : { tenant: error.tenant }),
    ...(error.contentId === undefined ? {} : { contentId: error.contentId }),
    rejectedAt: rejectedAt.toISOString(),
  };
}

import type { QueuedMessage } from './dead-letter-queue.ts';

/** The queue the ingest function reads; a replayed dead letter is sent back to it. */
export interface SubmissionQueue {
  /** Sends a message and answers with its new message id. */
  send(message: QueuedMessage): Promise<string>;
}

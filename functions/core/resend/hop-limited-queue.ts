import type { QueuedMessage } from '#ports/dead-letter-queue';
import type { SubmissionQueue } from '#ports/submission-queue';
import { MAX_HOPS, withNextHop } from './hop-limit.ts';

/**
 * A submission queue that counts each message's hops: every send adds one, and a message already sent
 * on `maxHops` times is refused with HopLimitError, so a replay that keeps failing cannot loop forever.
 */
export function hopLimited(queue: SubmissionQueue, maxHops: number = MAX_HOPS): SubmissionQueue {
  return {
    send(message: QueuedMessage): Promise<string> {
      let attributes: QueuedMessage['attributes'];
      try {
        attributes = withNextHop(message.attributes, maxHops);
      } catch (error) {
        return Promise.reject(error);
      }
      return queue.send({ body: message.body, attributes });
    },
  };
}

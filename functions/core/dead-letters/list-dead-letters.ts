import type { Clock } from '#ports/clock';
import type { DeadLetterQueue } from '#ports/dead-letter-queue';
import type { RejectionLog } from '#ports/rejection-log';
import { type DeadLetterReadOptions, mapLimited, withDeadLetters } from './read-dead-letters.ts';
import { type DeadLetterSummary, summariseDeadLetter } from './summarise-dead-letter.ts';

/** Rejection look-ups in flight at once. */
const LOOKUPS_IN_FLIGHT = 10;

export interface ListDeadLettersDependencies {
  deadLetters: DeadLetterQueue;
  /** Where reasons are looked up by message id; without it every letter is listed without one. */
  rejections?: RejectionLog;
  clock: Clock;
}

/**
 * The letters in a dead-letter queue, oldest first, each with its reason from the rejection log.
 * Reading hides them for a moment; they are all visible again when it returns.
 */
export async function listDeadLetters(
  dependencies: ListDeadLettersDependencies,
  options: DeadLetterReadOptions,
): Promise<DeadLetterSummary[]> {
  const { deadLetters, rejections, clock } = dependencies;
  return withDeadLetters(deadLetters, options, async (letters) => {
    const now = clock.now();
    const summaries = await mapLimited(letters, LOOKUPS_IN_FLIGHT, async (letter) =>
      summariseDeadLetter(letter, await rejections?.get(letter.messageId), now),
    );
    return summaries.sort(
      (a, b) => a.sentAt.localeCompare(b.sentAt) || a.messageId.localeCompare(b.messageId),
    );
  });
}

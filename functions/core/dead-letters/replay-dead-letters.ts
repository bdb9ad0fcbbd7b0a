import type { DeadLetterQueue } from '#ports/dead-letter-queue';
import type { SubmissionQueue } from '#ports/submission-queue';
import { type DeadLetterReadOptions, withDeadLetters } from './read-dead-letters.ts';

export interface ReplayDeadLettersDependencies {
  deadLetters: DeadLetterQueue;
  /** The queue the letters came from. */
  source: SubmissionQueue;
}

export interface ReplayOptions extends DeadLetterReadOptions {
  /** Only these letters; every letter when absent. */
  messageIds?: readonly string[];
  /** Says what would be replayed, and sends and deletes nothing. */
  dryRun: boolean;
}

/** What a replay did, letter by letter. */
export interface ReplayOutcome {
  dryRun: boolean;
  /** Sent to the source queue (as `newMessageId`) and deleted from the DLQ; in a dry run, what would be. */
  replayed: { messageId: string; newMessageId?: string }[];
  /** Letters still in the DLQ after a failure; `sent` when the send succeeded but the delete did not. */
  failed: { messageId: string; sent: boolean; reason: string }[];
  /** Asked-for message ids the DLQ did not hold. */
  notFound: string[];
  /** Letters not asked for, left as they were. */
  untouched: number;
}

/**
 * Sends dead letters back to their source queue with their body and attributes, and deletes each from
 * the DLQ only once its send succeeded, so a failure at any point leaves the letter in the DLQ.
 */
export async function replayDeadLetters(
  dependencies: ReplayDeadLettersDependencies,
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const wanted = options.messageIds === undefined ? undefined : new Set(options.messageIds);
  return withDeadLetters(dependencies.deadLetters, options, async (letters, consumed) => {
    const selected =
      wanted === undefined ? letters : letters.filter((letter) => wanted.has(letter.messageId));
    const found = new Set(letters.map((letter) => letter.messageId));
    const outcome: ReplayOutcome = {
      dryRun: options.dryRun,
      replayed: [],
      failed: [],
      notFound: [...(wanted ?? [])].filter((messageId) => !found.has(messageId)),
      untouched: letters.length - selected.length,
    };
    for (const letter of selected) {
      const { messageId } = letter;
      if (options.dryRun) {
        outcome.replayed.push({ messageId });
        continue;
      }
      let newMessageId: string;
      try {
        newMessageId = await dependencies.source.send({ body: letter.body, attributes: letter.attributes });
      } catch (error) {
        outcome.failed.push({ messageId, sent: false, reason: `not sent: ${describe(error)}` });
        continue;
      }
      try {
        await dependencies.deadLetters.remove(letter);
        consumed.add(letter);
        outcome.replayed.push({ messageId, newMessageId });
      } catch (error) {
        outcome.failed.push({
          messageId,
          sent: true,
          reason:
            `sent as ${newMessageId} but not deleted from the DLQ (${describe(error)}); replaying it again ` +
            'is harmless, since a content version is decided once',
        });
      }
    }
    return outcome;
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

import type { DeadLetter, DeadLetterQueue } from '#ports/dead-letter-queue';
import { DeadLetterReleaseError } from './errors.ts';

/** How many letters to read at most, and how long to hide them from other readers meanwhile. */
export interface DeadLetterReadOptions {
  max: number;
  holdSeconds: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Receives the letters, lets `use` work on them, then makes every letter `use` did not consume visible
 * again, whether `use` succeeded or not, so no letter stays hidden longer than it must.
 */
export async function withDeadLetters<T>(
  queue: DeadLetterQueue,
  options: DeadLetterReadOptions,
  use: (letters: readonly DeadLetter[], consumed: Set<DeadLetter>) => Promise<T>,
): Promise<T> {
  const letters = await queue.receiveAll(options);
  const consumed = new Set<DeadLetter>();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await use(letters, consumed) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const held = letters.filter((letter) => !consumed.has(letter));
  try {
    if (held.length > 0) await queue.release(held);
  } catch (error) {
    // A failure of `use` says more than this one, and the letters reappear after the hold anyway.
    if (outcome.ok) {
      throw new DeadLetterReleaseError(
        held.map((letter) => letter.messageId),
        options.holdSeconds,
        { cause: error },
      );
    }
  }
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

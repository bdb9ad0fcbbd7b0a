import type { Delays } from '#ports/delays';
import type { RetrySettings } from './settings.ts';

/** What a retry loop needs besides the call: how to wait, a random source and which errors are transient. */
export interface RetryPolicy {
  settings: RetrySettings;
  delays: Delays;
  random: () => number;
  isRetryable: (error: unknown) => boolean;
}

/** The back-off before retry `retry` (1 for the first): a uniform draw up to the capped exponential ceiling. */
export function fullJitterDelayMs(retry: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs `call` until it succeeds, fails with an error that is not retryable, or has used `maxAttempts`;
 * waits a full-jitter delay between attempts so many callers throttled together do not retry together.
 */
export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= policy.settings.maxAttempts || !policy.isRetryable(error)) throw error;
      await policy.delays.sleep(fullJitterDelayMs(attempt, policy.settings, policy.random));
    }
  }
}

import type { EventPublisher, PublishOptions } from '#ports/event-publisher';
import type { PatrolEvent } from '#schemas/event';
import { WebhookDeliveryError, WebhookResponseError } from './errors.ts';

export interface WebhookEventPublisherOptions {
  url: string;
  /** Attempts per event before `publish` gives up with a `WebhookDeliveryError`; 6 by default. */
  maxAttempts?: number;
  /** The first retry waits up to this long, doubling each time; 250 ms by default. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long one POST may take; 5 seconds by default. */
  attemptTimeoutMs?: number;
  /** A number in [0, 1) to spread retries (full jitter); `Math.random` by default. */
  random?: () => number;
}

/**
 * Delivers verdict events to a platform's webhook: one JSON POST per event, in order, retried with
 * exponential backoff and full jitter until a 2xx. The `x-patrol-event-id` header repeats the event
 * id, on which the platform de-duplicates a redelivery.
 */
export class WebhookEventPublisher implements EventPublisher {
  readonly #options: Required<WebhookEventPublisherOptions>;

  constructor(options: WebhookEventPublisherOptions) {
    this.#options = {
      maxAttempts: 6,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      attemptTimeoutMs: 5_000,
      random: Math.random,
      ...options,
    };
  }

  async publish(events: readonly PatrolEvent[], options: PublishOptions = {}): Promise<void> {
    for (const event of events) await this.#deliver(event, options.signal);
  }

  async #deliver(event: PatrolEvent, signal: AbortSignal | undefined): Promise<void> {
    const body = JSON.stringify(event);
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.#options.maxAttempts; attempt += 1) {
      signal?.throwIfAborted();
      try {
        await this.#post(event.eventId, body, signal);
        return;
      } catch (error) {
        if (signal?.aborted) throw error;
        lastError = error;
      }
      if (attempt < this.#options.maxAttempts) await sleep(this.#backoffMs(attempt), signal);
    }
    throw new WebhookDeliveryError(event.eventId, this.#options.maxAttempts, { cause: lastError });
  }

  async #post(eventId: string, body: string, signal: AbortSignal | undefined): Promise<void> {
    const timeout = AbortSignal.timeout(this.#options.attemptTimeoutMs);
    const response = await fetch(this.#options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-patrol-event-id': eventId,
        'user-agent': 'patrol-dev',
      },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // Reading the answer frees the connection for the next event.
    const answer = await response.text();
    if (!response.ok) throw new WebhookResponseError(response.status, answer.slice(0, 200));
  }

  #backoffMs(attempt: number): number {
    const ceiling = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.#options.random() * ceiling);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

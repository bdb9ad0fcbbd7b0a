import type { EventPublisher } from '#ports/event-publisher';
import type { DynamoDbOutbox, OutboxEntry } from './dynamodb-outbox.ts';

export interface OutboxDispatcherOptions {
  outbox: Pick<DynamoDbOutbox, 'read' | 'cursor' | 'saveCursor'>;
  publisher: EventPublisher;
  /** The name the dispatcher's cursor is saved under, so a restart resumes where it stopped. */
  reader: string;
  /** Events read from the outbox at a time; 25 by default. */
  batchSize?: number;
  /** How often an idle dispatcher looks for new events; 500 ms by default (`wake()` is sooner). */
  idlePollMs?: number;
  /** The pause after a failed delivery before the same event is tried again; 5 seconds by default. */
  retryDelayMs?: number;
  onDelivered?: (entry: OutboxEntry) => void;
  onError?: (error: unknown) => void;
}

/** A running dispatcher: `wake()` after an append; `stop()` flushes what it can, then stops. */
export interface OutboxDispatcher {
  wake(): void;
  /** Delivers what is pending for up to `flushTimeoutMs` (0 by default), then abandons the rest. */
  stop(options?: { flushTimeoutMs?: number }): Promise<void>;
}

/**
 * Publishes the outbox's events in order from a durable cursor, advancing it only after each event
 * is accepted, so every event reaches the platform at least once and none is skipped, across restarts.
 */
export function startOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const abort = new AbortController();
  let draining = false;
  let wakeIdle: (() => void) | undefined;
  // A wake that arrives while events are being delivered cuts the next idle pause short.
  let woken = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || abort.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        wakeIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeIdle = done;
      abort.signal.addEventListener('abort', done, { once: true });
    });

  const run = async () => {
    let cursor: string | undefined;
    while (!abort.signal.aborted) {
      try {
        woken = false;
        cursor ??= await options.outbox.cursor(options.reader);
        const page = await options.outbox.read(cursor, options.batchSize ?? 25);
        if (page.entries.length === 0) {
          if (draining) return;
          await pause(options.idlePollMs ?? 500);
          continue;
        }
        for (const entry of page.entries) {
          await options.publisher.publish([entry.event], { signal: abort.signal });
          await options.outbox.saveCursor(options.reader, entry.cursor);
          cursor = entry.cursor;
          options.onDelivered?.(entry);
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        options.onError?.(error);
        await pause(options.retryDelayMs ?? 5_000);
      }
    }
  };
  const running = run();

  return {
    wake() {
      woken = true;
      wakeIdle?.();
    },
    async stop({ flushTimeoutMs = 0 } = {}) {
      draining = true;
      this.wake();
      const deadline = setTimeout(() => abort.abort(), flushTimeoutMs);
      await running;
      clearTimeout(deadline);
      abort.abort();
    },
  };
}

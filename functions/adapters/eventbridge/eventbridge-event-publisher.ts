import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { EventPublisher, PublishOptions } from '#ports/event-publisher';
import type { PatrolEvent } from '#schemas/event';
import { EventsNotPublishedError, EventTooLargeError, type UnpublishedEvent } from './errors.ts';
import { VerdictEventBus } from './event-bus-definitions.ts';

/** PutEvents takes at most 10 entries and 256 KiB per request. */
const MAX_ENTRIES_PER_REQUEST = 10;
const MAX_REQUEST_BYTES = 256 * 1024;
/** EventBridge counts a set Time as 14 bytes of an entry. */
const TIME_BYTES = 14;

export interface EventBridgeEventPublisherOptions {
  eventBusName: string;
  /** Puts of entries EventBridge refused (throttling, internal failures) before giving up; default 4. */
  maxAttempts?: number;
  /** The first wait before a retry, doubled each time with jitter; default 100 ms. */
  retryDelayMs?: number;
}

interface PendingEntry {
  eventId: string;
  entry: PutEventsRequestEntry;
}

/**
 * Puts verdict and enforcement events on an EventBridge bus (source `patrol`, detail type the event's type, detail the
 * event JSON) in requests of at most 10 entries, retrying only the entries EventBridge refused.
 */
export class EventBridgeEventPublisher implements EventPublisher {
  readonly #client: EventBridgeClient;
  readonly #eventBusName: string;
  readonly #maxAttempts: number;
  readonly #retryDelayMs: number;

  constructor(client: EventBridgeClient, options: EventBridgeEventPublisherOptions) {
    this.#client = client;
    this.#eventBusName = options.eventBusName;
    this.#maxAttempts = options.maxAttempts ?? 4;
    this.#retryDelayMs = options.retryDelayMs ?? 100;
  }

  async publish(events: readonly PatrolEvent[], options: PublishOptions = {}): Promise<void> {
    const entries = events.map((event) => this.#toEntry(event));
    const unpublished: UnpublishedEvent[] = [];
    let firstCause: unknown;
    // One refused request does not hold back the others; the error then names every event not published.
    for (const request of inRequests(entries)) {
      try {
        await this.#putWithRetries(request, options.signal);
      } catch (error) {
        if (!(error instanceof EventsNotPublishedError)) throw error;
        unpublished.push(...error.unpublished);
        firstCause ??= error.cause;
      }
    }
    if (unpublished.length > 0) throw new EventsNotPublishedError(unpublished, { cause: firstCause });
  }

  #toEntry(event: PatrolEvent): PendingEntry {
    const entry: PutEventsRequestEntry = {
      EventBusName: this.#eventBusName,
      Source: VerdictEventBus.source,
      DetailType: event.type,
      Detail: JSON.stringify(event),
      Time: new Date(event.occurredAt),
    };
    const sizeBytes = entrySizeBytes(entry);
    if (sizeBytes > MAX_REQUEST_BYTES)
      throw new EventTooLargeError(event.eventId, sizeBytes, MAX_REQUEST_BYTES);
    return { eventId: event.eventId, entry };
  }

  async #putWithRetries(request: readonly PendingEntry[], signal: AbortSignal | undefined): Promise<void> {
    let pending = request;
    let refused: UnpublishedEvent[] = [];
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt += 1) {
      if (attempt > 1)
        await sleep(this.#retryDelayMs * 2 ** (attempt - 2) * (0.5 + Math.random()), undefined, { signal });
      const response = await this.#send(pending, signal);
      if (!response.FailedEntryCount) return;
      // Result entries line up with request entries; a result without ErrorCode was accepted.
      const results = response.Entries ?? [];
      refused = [];
      const retry: PendingEntry[] = [];
      pending.forEach((pendingEntry, index) => {
        const result = results[index];
        if (result !== undefined && result.ErrorCode === undefined) return;
        retry.push(pendingEntry);
        refused.push({
          eventId: pendingEntry.eventId,
          errorCode: result?.ErrorCode ?? 'MissingResult',
          ...(result?.ErrorMessage === undefined ? {} : { errorMessage: result.ErrorMessage }),
        });
      });
      pending = retry;
    }
    throw new EventsNotPublishedError(refused);
  }

  async #send(
    pending: readonly PendingEntry[],
    signal: AbortSignal | undefined,
  ): Promise<PutEventsCommandOutput> {
    try {
      return await this.#client.send(new PutEventsCommand({ Entries: pending.map(({ entry }) => entry) }), {
        abortSignal: signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const unpublished = pending.map(({ eventId }) => ({ eventId, errorCode: errorName(error) }));
      throw new EventsNotPublishedError(unpublished, { cause: error });
    }
  }
}

/** Groups entries into requests within PutEvents' entry-count and size limits, keeping their order. */
function inRequests(entries: readonly PendingEntry[]): PendingEntry[][] {
  const requests: PendingEntry[][] = [];
  let current: PendingEntry[] = [];
  let currentBytes = 0;
  for (const pending of entries) {
    const sizeBytes = entrySizeBytes(pending.entry);
    if (current.length === MAX_ENTRIES_PER_REQUEST || currentBytes + sizeBytes > MAX_REQUEST_BYTES) {
      requests.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(pending);
    currentBytes += sizeBytes;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

/** An entry's size as EventBridge counts it: Time, Source, DetailType and Detail in UTF-8 bytes. */
function entrySizeBytes(entry: PutEventsRequestEntry): number {
  return (
    (entry.Time === undefined ? 0 : TIME_BYTES) +
    Buffer.byteLength(entry.Source ?? '') +
    Buffer.byteLength(entry.DetailType ?? '') +
    Buffer.byteLength(entry.Detail ?? '')
  );
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

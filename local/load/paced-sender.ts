import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { LoadSendError } from './errors.ts';

/** A message to send, and what to do once the queue accepted it. */
export interface OutgoingMessage {
  body: string;
  onAccepted(messageId: string, sentAtMs: number): void;
}

export interface PacedSendOptions {
  client: SQSClient;
  queueUrl: string;
  ratePerSecond: number;
  total: number;
  next(): OutgoingMessage;
  /** Requests in flight at once; 8 by default. */
  concurrency?: number;
  /** Called after each accepted batch with the running total. */
  onProgress?(sent: number): void;
  /** The wall clock send times are taken from (stored verdicts carry wall-clock times); `Date.now` by default. */
  now?(): number;
}

const BATCH = 10;
const TICK_MS = 10;
const ATTEMPTS = 10;

/**
 * Sends `total` messages at `ratePerSecond` in SendMessageBatch requests, as a platform's servers
 * post: paced from the schedule (a slow request does not lower the rate), entries the queue refused
 * sent again. Throws LoadSendError if some could not be sent at all.
 */
export async function sendPaced(options: PacedSendOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const started = now();
  const concurrency = options.concurrency ?? 8;
  const inFlight = new Set<Promise<void>>();
  let taken = 0;
  let accepted = 0;
  let unsent = 0;
  let lastError: unknown;
  while (taken < options.total) {
    const due = Math.min(options.total, Math.floor(((now() - started) / 1_000) * options.ratePerSecond) + 1);
    while (taken < due && inFlight.size < concurrency) {
      const messages = Array.from({ length: Math.min(BATCH, due - taken) }, () => options.next());
      taken += messages.length;
      const request = sendBatch(options, messages, now).then(
        (count) => {
          accepted += count;
          unsent += messages.length - count;
          options.onProgress?.(accepted);
        },
        (error: unknown) => {
          unsent += messages.length;
          lastError = error;
        },
      );
      inFlight.add(request);
      void request.finally(() => inFlight.delete(request));
    }
    await (inFlight.size >= concurrency
      ? Promise.race(inFlight)
      : new Promise((resolve) => setTimeout(resolve, TICK_MS)));
  }
  await Promise.all(inFlight);
  if (unsent > 0) throw new LoadSendError(unsent, { cause: lastError });
}

/** Sends one batch, re-sending refused entries; resolves to how many the queue accepted. */
async function sendBatch(
  options: PacedSendOptions,
  messages: OutgoingMessage[],
  now: () => number,
): Promise<number> {
  let pending = messages.map((message, index) => ({ id: String(index), message }));
  let accepted = 0;
  for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS; attempt++) {
    const sentAtMs = now();
    try {
      const { Successful = [] } = await options.client.send(
        new SendMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: pending.map(({ id, message }) => ({ Id: id, MessageBody: message.body })),
        }),
      );
      for (const entry of Successful) {
        const sent = pending.find(({ id }) => id === entry.Id);
        sent?.message.onAccepted(entry.MessageId ?? '', sentAtMs);
      }
      accepted += Successful.length;
      const done = new Set(Successful.map((entry) => entry.Id));
      pending = pending.filter(({ id }) => !done.has(id));
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
    }
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
  return accepted;
}

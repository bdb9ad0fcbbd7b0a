import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import type { Clock } from '#ports/clock';
import type { Rejection, RejectionLog } from '#ports/rejection-log';

const RETENTION_MS = IngestQueue.dlqRetentionDays * 24 * 60 * 60 * 1000;

/** Rejections in process memory, replaced by message id and hidden after the DLQ retention. */
export class MemoryRejectionLog implements RejectionLog {
  readonly #rejections = new Map<string, Rejection>();
  readonly #clock: Clock;

  constructor(clock: Clock = new SystemClock()) {
    this.#clock = clock;
  }

  async record(rejection: Rejection): Promise<void> {
    this.#rejections.set(rejection.messageId, JSON.parse(JSON.stringify(rejection)) as Rejection);
  }

  async get(messageId: string): Promise<Rejection | undefined> {
    const rejection = this.#rejections.get(messageId);
    if (rejection === undefined) return undefined;
    if (Date.parse(rejection.rejectedAt) + RETENTION_MS <= this.#clock.now().getTime()) return undefined;
    return structuredClone(rejection);
  }
}

import { toVerdictEvent } from '#core/decide/verdict-event';
import type { RecordedVerdict, VerdictHistory, VerdictStore } from '#ports/verdict-store';
import type { Verdict } from '#schemas/verdict';
import type { DynamoDbOutbox } from './dynamodb-outbox.ts';

/**
 * A verdict store that also appends each recorded verdict's event to the local outbox, standing in
 * for the DynamoDB stream that feeds the publisher on AWS. The event is appended on every record,
 * created or already there, so a redelivery after a stop between the two writes still emits it.
 */
export class OutboxVerdictStore implements VerdictStore {
  readonly #verdicts: VerdictStore;
  readonly #outbox: Pick<DynamoDbOutbox, 'append'>;
  readonly #onAppended: () => void;

  constructor(
    verdicts: VerdictStore,
    outbox: Pick<DynamoDbOutbox, 'append'>,
    onAppended: () => void = () => {},
  ) {
    this.#verdicts = verdicts;
    this.#outbox = outbox;
    this.#onAppended = onAppended;
  }

  async record(verdict: Verdict): Promise<RecordedVerdict> {
    const recorded = await this.#verdicts.record(verdict);
    const { appended } = await this.#outbox.append(toVerdictEvent(recorded.verdict));
    if (appended) this.#onAppended();
    return recorded;
  }

  get(tenant: string, contentId: string): Promise<VerdictHistory | undefined> {
    return this.#verdicts.get(tenant, contentId);
  }
}

import type { DeadLetter, DeadLetterQueue, QueuedMessage } from '#ports/dead-letter-queue';
import type { SubmissionQueue } from '#ports/submission-queue';

interface HeldMessage extends QueuedMessage {
  messageId: string;
  receiveCount: number;
  sentAt: Date;
  hidden: boolean;
}

/**
 * A dead-letter queue and its source queue in process memory: `deadLetter` puts a message in the DLQ as
 * SQS redrive would, `send` is the source queue's, and `sent` lists what reached the source queue.
 */
export class MemoryDeadLetterQueue implements DeadLetterQueue, SubmissionQueue {
  readonly sent: (QueuedMessage & { messageId: string })[] = [];
  readonly #held = new Map<string, HeldMessage>();
  #sequence = 0;

  /** Adds a message to the DLQ, as if it had been received `receiveCount` times on the source queue. */
  deadLetter(message: QueuedMessage & { messageId: string; receiveCount: number; sentAt: Date }): void {
    this.#held.set(message.messageId, { ...message, hidden: false });
  }

  /** The message ids in the DLQ, hidden or not. */
  messageIds(): string[] {
    return [...this.#held.keys()];
  }

  async receiveAll({ max }: { max: number; holdSeconds: number }): Promise<DeadLetter[]> {
    const visible = [...this.#held.values()].filter((message) => !message.hidden).slice(0, max);
    return visible.map((message) => {
      message.hidden = true;
      message.receiveCount += 1;
      const { hidden: _hidden, ...letter } = message;
      return { ...letter, receipt: message.messageId };
    });
  }

  async release(letters: readonly DeadLetter[]): Promise<void> {
    for (const letter of letters) {
      const message = this.#held.get(letter.receipt);
      if (message !== undefined) message.hidden = false;
    }
  }

  async remove(letter: DeadLetter): Promise<void> {
    this.#held.delete(letter.receipt);
  }

  async send(message: QueuedMessage): Promise<string> {
    this.#sequence += 1;
    const messageId = `replayed-${this.#sequence}`;
    this.sent.push({ ...message, messageId });
    return messageId;
  }
}

/** A message attribute as the queue carries it, kept so a replayed message is the one the platform sent. */
export interface QueuedMessageAttribute {
  dataType: string;
  stringValue?: string;
  binaryValue?: Uint8Array;
}

/** A message's body and attributes, as sent to a queue. */
export interface QueuedMessage {
  body: string;
  attributes: Readonly<Record<string, QueuedMessageAttribute>>;
}

/** A message held in a dead-letter queue, received and hidden from other readers until released or removed. */
export interface DeadLetter extends QueuedMessage {
  /** The id the message had on its source queue; rejections are kept under it. */
  messageId: string;
  /** Receives so far, on the source queue and here, this one included. */
  receiveCount: number;
  /** When the platform sent it; a dead-lettered message keeps its original time. */
  sentAt: Date;
  /** The adapter's handle on this receive, for `release` and `remove`. */
  receipt: string;
}

/** A dead-letter queue read by an operator: receive everything, then put back or delete each letter. */
export interface DeadLetterQueue {
  /** Receives the messages in the queue, at most `max`, hiding each for `holdSeconds`. */
  receiveAll(options: { max: number; holdSeconds: number }): Promise<DeadLetter[]>;
  /** Makes letters visible again at once. */
  release(letters: readonly DeadLetter[]): Promise<void>;
  /** Deletes a letter for good. */
  remove(letter: DeadLetter): Promise<void>;
}

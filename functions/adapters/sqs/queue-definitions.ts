/** An SQS queue with its dead-letter queue and the event-source settings of its consumer. */
export interface QueueDefinition {
  /** Logical id; also the local queue name (`patrol-<id>`, DLQ `patrol-<id>-dlq`). */
  id: string;
  /** At least six times the consumer's timeout, as AWS advises for SQS event sources. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ; at least 5 so throttling alone never dead-letters. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  consumerTimeoutSeconds: number;
  /** Kept as long as SQS allows so a DLQ copy outlives an incident. */
  dlqRetentionDays: number;
}

/** Where platforms post submissions. */
export const IngestQueue: QueueDefinition = {
  id: 'ingest',
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  consumerTimeoutSeconds: 10,
  dlqRetentionDays: 14,
};

/** Borderline verdicts and user reports on their way to becoming review cases. */
export const ReviewQueue: QueueDefinition = {
  id: 'review',
  visibilityTimeoutSeconds: 60,
  maxReceiveCount: 5,
  batchSize: 10,
  maxBatchingWindowSeconds: 1,
  consumerTimeoutSeconds: 10,
  dlqRetentionDays: 14,
};

export const QueueDefinitions: readonly QueueDefinition[] = [IngestQueue, ReviewQueue];

/** The local queue names for a definition. */
export function localQueueNames(queue: QueueDefinition): { queue: string; dlq: string } {
  return { queue: `patrol-${queue.id}`, dlq: `patrol-${queue.id}-dlq` };
}

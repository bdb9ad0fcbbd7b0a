import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import type { Clock } from '#ports/clock';
import type { Rejection, RejectionLog } from '#ports/rejection-log';
import { MalformedItemError } from './errors.ts';

/** The partition key of a refused message's rejection. */
export function rejectionKey(messageId: string): string {
  return `MSG#${messageId}`;
}

/** The epoch second after which a rejection is gone: it lives as long as the dead-letter copy it explains. */
export function rejectionExpiresAt(rejectedAt: string): number {
  return Math.floor(Date.parse(rejectedAt) / 1000) + IngestQueue.dlqRetentionDays * 24 * 60 * 60;
}

/**
 * Rejections in DynamoDB, one item per SQS message id, expiring with the DLQ copy. A later rejection
 * of the same message replaces the earlier one; expired items are hidden since dynalite never deletes them.
 */
export class DynamoDbRejectionLog implements RejectionLog {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #clock: Clock;

  constructor(documents: DynamoDBDocumentClient, tableName: string, clock: Clock = new SystemClock()) {
    this.#documents = documents;
    this.#tableName = tableName;
    this.#clock = clock;
  }

  async record(rejection: Rejection): Promise<void> {
    const item = JSON.parse(JSON.stringify(rejection)) as Rejection;
    await this.#documents.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: rejectionKey(rejection.messageId),
          ...item,
          expiresAt: rejectionExpiresAt(rejection.rejectedAt),
        },
      }),
    );
  }

  async get(messageId: string): Promise<Rejection | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: rejectionKey(messageId) },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    if (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 <= this.#clock.now().getTime())
      return undefined;
    return rejectionFromItem(Item);
  }
}

function rejectionFromItem(item: Record<string, unknown>): Rejection {
  const { messageId, reason, issues, tenant, contentId, rejectedAt } = item;
  if (typeof messageId !== 'string' || typeof reason !== 'string' || typeof rejectedAt !== 'string') {
    throw new MalformedItemError(String(item.pk), 'is not a rejection');
  }
  return {
    messageId,
    reason,
    issues: Array.isArray(issues) ? (issues as Rejection['issues']) : [],
    ...(typeof tenant === 'string' ? { tenant } : {}),
    ...(typeof contentId === 'string' ? { contentId } : {}),
    rejectedAt,
  };
}

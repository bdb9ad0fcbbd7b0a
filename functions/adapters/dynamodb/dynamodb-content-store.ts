import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContentStore } from '#ports/content-store';
import { type StoredContent, StoredContentSchema } from '#schemas/stored-content';

/** How long content is kept for back-tests and re-patrols. */
export const CONTENT_RETENTION_DAYS = 30;
/** Each day's items spread over this many partitions, so a busy tenant stays under a partition's write rate. */
const SHARDS = 4;
const DAY_MS = 86_400_000;

/** Content in DynamoDB by tenant and day of recording, sharded, expiring after 30 days (read filters expired items). */
export class DynamoDbContentStore implements ContentStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(content: StoredContent): Promise<void> {
    const recordedAt = Date.parse(content.recordedAt);
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: partitionKey(content.tenant, content.recordedAt.slice(0, 10), shardOf(content.contentId)),
          sk: `${content.recordedAt}#${content.contentId}#${content.snapshot.version}`,
          ...content,
          expiresAt: Math.floor(recordedAt / 1000) + CONTENT_RETENTION_DAYS * 86_400,
        },
      }),
    );
  }

  async since(tenant: string, since: Date, now: Date, limit: number): Promise<StoredContent[]> {
    const found: StoredContent[] = [];
    for (let day = startOfDay(since); day <= now.getTime() && found.length < limit; day += DAY_MS) {
      const date = new Date(day).toISOString().slice(0, 10);
      const shards = await Promise.all(
        Array.from({ length: SHARDS }, (_, shard) =>
          this.day(partitionKey(tenant, date, shard), since, now, limit),
        ),
      );
      const items = shards.flat().sort((left, right) => left.recordedAt.localeCompare(right.recordedAt));
      found.push(...items.slice(0, limit - found.length));
    }
    return found;
  }

  private async day(pk: string, since: Date, now: Date, limit: number): Promise<StoredContent[]> {
    const items: StoredContent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :since',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':since': since.toISOString(),
            ':now': Math.floor(now.getTime() / 1000),
          },
          FilterExpression: 'expiresAt > :now',
          Limit: limit,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...item } of page.Items ?? [])
        items.push(StoredContentSchema.parse(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined && items.length < limit);
    return items;
  }
}

function partitionKey(tenant: string, date: string, shard: number): string {
  return `D#${tenant}#${date}#${shard}`;
}

function shardOf(contentId: string): number {
  return (createHash('sha256').update(contentId).digest()[0] as number) % SHARDS;
}

function startOfDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS) * DAY_MS;
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore } from '#ports/idempotency-store';
import { MalformedItemError } from './errors.ts';

const IDEMPOTENCY_SK = 'IDEMPOTENCY';
/** Keys are kept a day, long enough for any retry of a click. */
const KEEP_SECONDS = 24 * 60 * 60;

/**
 * Idempotency-Key records in the cases table (`IDEM#<tenant>#<key>`): created with attribute_not_exists,
 * so of two requests racing with one key, one starts the work and the other sees it started.
 */
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async begin(tenant: string, key: string, requestHash: string, at: Date): Promise<IdempotencyRecord> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            pk: idempotencyKey(tenant, key),
            sk: IDEMPOTENCY_SK,
            requestHash,
            state: 'started',
            startedAt: at.toISOString(),
            expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { state: 'new' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: idempotencyKey(tenant, key), sk: IDEMPOTENCY_SK },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined || typeof Item.requestHash !== 'string')
      throw new MalformedItemError(idempotencyKey(tenant, key), 'is not an idempotency record');
    if (Item.state === 'completed')
      return {
        state: 'completed',
        requestHash: Item.requestHash,
        response: JSON.parse(String(Item.response)),
      };
    return { state: 'started', requestHash: Item.requestHash };
  }

  async complete(tenant: string, key: string, requestHash: string, response: unknown): Promise<void> {
    await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: idempotencyKey(tenant, key), sk: IDEMPOTENCY_SK },
        UpdateExpression: 'SET #state = :completed, #response = :response',
        ConditionExpression: 'requestHash = :hash',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':response': JSON.stringify(response),
          ':hash': requestHash,
        },
      }),
    );
  }
}

function idempotencyKey(tenant: string, key: string): string {
  return `IDEM#${tenant}#${key}`;
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { compareVerdicts, deciderKey } from '#core/decide/verdict-order';
import type { RecordedVerdict, VerdictHistory, VerdictStore } from '#ports/verdict-store';
import { type Verdict, VerdictSchema } from '#schemas/verdict';
import { MalformedItemError } from './errors.ts';

const EVENT_PREFIX = 'V#';
const STATUS_SK = 'STATUS';
const VERSION_DIGITS = 16;

/** The partition key of a content item: tenants cannot contain `#`, so the split is unambiguous. */
export function verdictPartitionKey(tenant: string, contentId: string): string {
  return `${tenant}#${contentId}`;
}

/** The sort key of one verdict event: zero-padded so versions sort numerically. */
export function verdictEventSortKey(verdict: Pick<Verdict, 'version' | 'decidedBy'>): string {
  return `${EVENT_PREFIX}${String(verdict.version).padStart(VERSION_DIGITS, '0')}#${deciderKey(verdict)}`;
}

/** Whether an item (such as a stream's NEW_IMAGE, unmarshalled) is a verdict event rather than the status. */
export function isVerdictEventItem(item: Record<string, unknown>): boolean {
  return typeof item.sk === 'string' && item.sk.startsWith(EVENT_PREFIX);
}

/** Reads the verdict of a verdict event item (unmarshalled); refuses status and malformed items. */
export function verdictFromItem(item: Record<string, unknown>): Verdict {
  const key = `${String(item.pk)}/${String(item.sk)}`;
  if (!isVerdictEventItem(item))
    throw new MalformedItemError(key, 'is not a verdict event (sk must start with V#)');
  const parsed = VerdictSchema.safeParse(item.verdict);
  if (!parsed.success)
    throw new MalformedItemError(key, 'does not hold a valid verdict', { cause: parsed.error });
  return parsed.data;
}

/**
 * Verdicts in DynamoDB, events first: an append-only event item per (version, decider) written with
 * attribute_not_exists, then a STATUS item that only a later verdict may replace.
 */
export class DynamoDbVerdictStore implements VerdictStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async record(verdict: Verdict): Promise<RecordedVerdict> {
    const pk = verdictPartitionKey(verdict.tenant, verdict.contentId);
    const sk = verdictEventSortKey(verdict);
    // A JSON copy drops undefined optionals, which DynamoDB refuses, whatever the client's options.
    const stored = JSON.parse(JSON.stringify(verdict)) as Verdict;
    let recorded: RecordedVerdict;
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk, sk, verdict: stored },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      recorded = { created: true, verdict: stored };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      recorded = { created: false, verdict: await this.#readEvent(pk, sk) };
    }
    // Also on a redelivery: the first attempt may have stopped between the event and the status.
    await this.#project(pk, recorded.verdict);
    return recorded;
  }

  async get(tenant: string, contentId: string): Promise<VerdictHistory | undefined> {
    const pk = verdictPartitionKey(tenant, contentId);
    const history: Verdict[] = [];
    let status: Verdict | undefined;
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (isVerdictEventItem(item)) history.push(verdictFromItem(item));
        else if (item.sk === STATUS_SK) status = statusFromItem(item);
      }
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    if (history.length === 0) return undefined;
    history.sort(compareVerdicts);
    // The status is missing only if a write stopped before projecting and was never redelivered.
    const latest = status ?? (history.at(-1) as Verdict);
    return { latest, history };
  }

  async #readEvent(pk: string, sk: string): Promise<Verdict> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    if (Item === undefined)
      throw new MalformedItemError(`${pk}/${sk}`, 'vanished after its conditional write failed');
    return verdictFromItem(Item);
  }

  async #project(pk: string, verdict: Verdict): Promise<void> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            pk,
            sk: STATUS_SK,
            version: verdict.version,
            decidedAtMs: Date.parse(verdict.decidedAt),
            verdict,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #version < :version OR (#version = :version AND #decidedAtMs < :decidedAtMs)',
          ExpressionAttributeNames: { '#version': 'version', '#decidedAtMs': 'decidedAtMs' },
          ExpressionAttributeValues: {
            ':version': verdict.version,
            ':decidedAtMs': Date.parse(verdict.decidedAt),
          },
        }),
      );
    } catch (error) {
      // The status already shows this verdict or a later one.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

function statusFromItem(item: Record<string, unknown>): Verdict {
  const parsed = VerdictSchema.safeParse(item.verdict);
  if (!parsed.success) {
    throw new MalformedItemError(`${String(item.pk)}/${STATUS_SK}`, 'does not hold a valid verdict', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

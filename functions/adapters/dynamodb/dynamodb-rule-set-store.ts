import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RuleSetConflictError } from '#core/rule-sets/errors';
import type { RuleSetStore } from '#ports/rule-set-store';
import {
  type RuleSetAuditEntry,
  RuleSetAuditEntrySchema,
  type RuleSetPointer,
  RuleSetPointerSchema,
  type RuleSetVersion,
  RuleSetVersionSchema,
} from '#schemas/rule-set-version';
import { MalformedItemError } from './errors.ts';

const PARTITION = 'RULESET';
const POINTER = 'ACTIVE';
const versionKey = (number: number) => `V#${String(number).padStart(8, '0')}`;

/**
 * Rule-set versions in one partition: each version's packs gzipped into one item (the shipped packs
 * take about a quarter of DynamoDB's 400 KB item limit uncompressed), the pointer, and the audit log.
 */
export class DynamoDbRuleSetStore implements RuleSetStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async versions(): Promise<Omit<RuleSetVersion, 'packs'>[]> {
    const items = await this.query(
      'V#',
      true,
      'pk, sk, #number, contentHash, createdBy, createdAt, basedOn, note',
    );
    return items.map((item) => {
      const { pk: _pk, sk: _sk, ...summary } = item;
      return RuleSetVersionSchema.omit({ packs: true }).parse(summary);
    });
  }

  async version(number: number): Promise<RuleSetVersion | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk: versionKey(number) },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    const { pk: _pk, sk, packsGzip, ...rest } = Item;
    try {
      const packs = JSON.parse(gunzipSync(packsGzip as Uint8Array).toString('utf8')) as unknown;
      return RuleSetVersionSchema.parse({ ...rest, packs });
    } catch (error) {
      throw new MalformedItemError(String(sk), 'is not a rule-set version', { cause: error });
    }
  }

  async pointer(): Promise<RuleSetPointer | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: PARTITION, sk: POINTER },
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, ...pointer } = Item;
    return RuleSetPointerSchema.parse(pointer);
  }

  async putVersion(version: RuleSetVersion): Promise<void> {
    const { packs, ...summary } = version;
    await this.conditionalPut(
      {
        pk: PARTITION,
        sk: versionKey(version.number),
        ...summary,
        packsGzip: gzipSync(JSON.stringify(packs)),
      },
      'attribute_not_exists(pk)',
      {},
      `version ${version.number} was saved by someone else first; save again`,
    );
  }

  async movePointer(next: RuleSetPointer, expectedSeq: number | undefined): Promise<void> {
    await this.conditionalPut(
      { pk: PARTITION, sk: POINTER, ...next },
      expectedSeq === undefined ? 'attribute_not_exists(pk)' : 'seq = :seq',
      expectedSeq === undefined ? {} : { ':seq': expectedSeq },
      'the live version moved while you decided; reload and decide again',
    );
  }

  async appendAudit(entry: RuleSetAuditEntry): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: PARTITION, sk: `A#${entry.at}#${randomUUID()}`, ...entry },
      }),
    );
  }

  async audit(limit: number): Promise<RuleSetAuditEntry[]> {
    const items = await this.query('A#', false, undefined, limit);
    return items.map(({ pk: _pk, sk: _sk, ...entry }) => RuleSetAuditEntrySchema.parse(entry));
  }

  private async conditionalPut(
    item: Record<string, unknown>,
    condition: string,
    values: Record<string, unknown>,
    conflict: string,
  ): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ...(Object.keys(values).length === 0 ? {} : { ExpressionAttributeValues: values }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new RuleSetConflictError(conflict, { cause: error });
      throw error;
    }
  }

  private async query(
    prefix: string,
    ascending: boolean,
    projection?: string,
    limit?: number,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': PARTITION, ':prefix': prefix },
          ScanIndexForward: ascending,
          ConsistentRead: true,
          ...(projection === undefined
            ? {}
            : { ProjectionExpression: projection, ExpressionAttributeNames: { '#number': 'number' } }),
          ...(limit === undefined ? {} : { Limit: limit - items.length }),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined && (limit === undefined || items.length < limit));
    return items;
  }
}

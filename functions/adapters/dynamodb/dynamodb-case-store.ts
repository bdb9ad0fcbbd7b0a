import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseEventDraft } from '#core/review/case-event-draft';
import { applyCaseEvent, summarise } from '#core/review/case-projection';
import { CaseVersionConflictError } from '#core/review/errors';
import type { CaseListQuery, CaseStore } from '#ports/case-store';
import {
  type AuditEntry,
  AuditEntrySchema,
  type CaseEvent,
  CaseEventSchema,
  type Report,
  type ReviewCase,
  ReviewCaseSchema,
  type Subject,
} from '#schemas/review-case';
import {
  casePartitionKey,
  eventSortKey,
  indexAttributes,
  QUEUE_SHARDS,
  queueShardKey,
  subjectPartitionKey,
  TIMER_SHARDS,
} from './case-keys.ts';
import { MalformedItemError } from './errors.ts';
import { CasesByClosedDayIndex, CasesByTimerIndex, CasesByUrgencyIndex } from './table-definitions.ts';

const CASE_SK = 'CASE';
const POINTER_SK = 'OPEN';
const DAY_MS = 86_400_000;

type StoredReport = Report & { muted: boolean; caseId?: string };

/**
 * Cases in DynamoDB, events first: the event goes to the audit table under `E#<seq>` with
 * attribute_not_exists (one writer per case version wins), then the projection to the cases table,
 * which only a later version may replace. A read applies any event the projection missed.
 */
export class DynamoDbCaseStore implements CaseStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #casesTable: string;
  readonly #auditTable: string;

  constructor(documents: DynamoDBDocumentClient, tables: { cases: string; audit: string }) {
    this.#documents = documents;
    this.#casesTable = tables.cases;
    this.#auditTable = tables.audit;
  }

  async get(tenant: string, caseId: string): Promise<ReviewCase | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#casesTable,
        Key: { pk: casePartitionKey(tenant, caseId), sk: CASE_SK },
        ConsistentRead: true,
      }),
    );
    const projected = Item === undefined ? undefined : caseFromItem(Item);
    const missed = await this.#eventsAfter(tenant, caseId, projected?.version ?? 0);
    if (missed.length === 0) return projected;
    // A writer stopped between its event and the projection: finish its work.
    const caught = missed.reduce<ReviewCase | undefined>(applyCaseEvent, projected) as ReviewCase;
    await this.#project(caught);
    return caught;
  }

  async append(current: ReviewCase | undefined, draft: CaseEventDraft): Promise<ReviewCase> {
    const seq = (current?.version ?? 0) + 1;
    const event = CaseEventSchema.parse({ ...draft, seq });
    const next = applyCaseEvent(current, event);
    const entry: AuditEntry = {
      kind: 'event',
      at: event.at,
      event,
      ...(current === undefined ? {} : { before: summarise(current) }),
      after: summarise(next),
    };
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#auditTable,
          Item: {
            pk: casePartitionKey(event.tenant, event.caseId),
            sk: eventSortKey(seq),
            entry: plain(entry),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new CaseVersionConflictError(event.caseId, seq - 1, { cause: error });
      throw error;
    }
    await this.#project(next);
    return next;
  }

  async available(tenant: string, queue: string, now: Date, limit: number): Promise<ReviewCase[]> {
    const shards = await Promise.all(
      Array.from({ length: QUEUE_SHARDS }, (_, shard) =>
        this.#queryUrgency(queueShardKey(tenant, queue, shard), limit, {
          FilterExpression: 'attribute_not_exists(leaseExpiresAt) OR leaseExpiresAt <= :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      ),
    );
    return mostUrgent(shards.flat(), limit);
  }

  async list(tenant: string, query: CaseListQuery): Promise<ReviewCase[]> {
    if (query.status === 'decided') {
      const since = new Date(query.now.getTime() - DAY_MS);
      return (await this.decidedSince(tenant, query.queue, since, query.now))
        .sort((a, b) => (b.outcome?.decidedAt ?? '').localeCompare(a.outcome?.decidedAt ?? ''))
        .slice(0, query.limit);
    }
    const conditions: string[] = [];
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = {};
    if (query.status !== undefined) {
      // A claim whose lease ran out counts as waiting, as moderators see it.
      names['#status'] = 'status';
      values[':now'] = query.now.toISOString();
      if (query.status === 'claimed') {
        conditions.push('#case.#status = :claimed AND leaseExpiresAt > :now');
        values[':claimed'] = 'claimed';
      } else {
        conditions.push(
          '#case.#status = :status OR (#case.#status = :claimed AND leaseExpiresAt <= :now AND #case.escalated = :escalated)',
        );
        values[':status'] = query.status;
        values[':claimed'] = 'claimed';
        values[':escalated'] = query.status === 'escalated';
      }
      names['#case'] = 'case';
    }
    if (query.overdue) {
      names['#case'] = 'case';
      names['#dueAt'] = 'dueAt';
      conditions.push('#case.#dueAt <= :dueBy');
      values[':dueBy'] = query.now.toISOString();
    }
    const filter =
      conditions.length === 0
        ? {}
        : {
            FilterExpression: conditions.map((condition) => `(${condition})`).join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          };
    const shards = await Promise.all(
      Array.from({ length: QUEUE_SHARDS }, (_, shard) =>
        this.#queryUrgency(queueShardKey(tenant, query.queue, shard), query.limit, filter),
      ),
    );
    return mostUrgent(shards.flat(), query.limit);
  }

  async decidedSince(tenant: string, queue: string, since: Date, now: Date): Promise<ReviewCase[]> {
    const days: string[] = [];
    for (let day = Date.parse(since.toISOString().slice(0, 10)); day <= now.getTime(); day += DAY_MS) {
      days.push(new Date(day).toISOString().slice(0, 10));
    }
    const found: ReviewCase[] = [];
    for (const day of days) {
      for await (const item of this.#pages({
        TableName: this.#casesTable,
        IndexName: CasesByClosedDayIndex.name,
        KeyConditionExpression: '#day = :day AND #closedAt >= :since',
        ExpressionAttributeNames: {
          '#day': CasesByClosedDayIndex.partitionKey,
          '#closedAt': CasesByClosedDayIndex.sortKey,
        },
        ExpressionAttributeValues: { ':day': `${tenant}#${queue}#${day}`, ':since': since.toISOString() },
      })) {
        found.push(caseFromItem(item));
      }
    }
    return found;
  }

  async timersDue(before: Date, limit: number): Promise<ReviewCase[]> {
    const shards = await Promise.all(
      Array.from({ length: TIMER_SHARDS }, async (_, shard) => {
        const { Items } = await this.#documents.send(
          new QueryCommand({
            TableName: this.#casesTable,
            IndexName: CasesByTimerIndex.name,
            KeyConditionExpression: '#shard = :shard AND #at <= :before',
            ExpressionAttributeNames: {
              '#shard': CasesByTimerIndex.partitionKey,
              '#at': CasesByTimerIndex.sortKey,
            },
            // `~` sorts after every tenant and case id, so a timer due at exactly `before` is included.
            ExpressionAttributeValues: { ':shard': `T#${shard}`, ':before': `${before.toISOString()}~` },
            Limit: limit,
          }),
        );
        return (Items ?? []).map(caseFromItem);
      }),
    );
    return shards.flat().slice(0, limit);
  }

  async *withPendingTimers(): AsyncIterable<ReviewCase> {
    for (let shard = 0; shard < TIMER_SHARDS; shard++) {
      for await (const item of this.#pages({
        TableName: this.#casesTable,
        IndexName: CasesByTimerIndex.name,
        KeyConditionExpression: '#shard = :shard',
        ExpressionAttributeNames: { '#shard': CasesByTimerIndex.partitionKey },
        ExpressionAttributeValues: { ':shard': `T#${shard}` },
      })) {
        yield caseFromItem(item);
      }
    }
  }

  async audit(tenant: string, caseId: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for await (const item of this.#pages({
      TableName: this.#auditTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': casePartitionKey(tenant, caseId) },
      ConsistentRead: true,
    })) {
      const parsed = AuditEntrySchema.safeParse(item.entry);
      if (!parsed.success)
        throw new MalformedItemError(`${String(item.pk)}/${String(item.sk)}`, 'is not an audit entry', {
          cause: parsed.error,
        });
      entries.push(parsed.data);
    }
    return entries.sort((a, b) => a.at.localeCompare(b.at));
  }

  async recordView(tenant: string, caseId: string, viewerId: string, at: Date): Promise<void> {
    const entry: AuditEntry = { kind: 'view', at: at.toISOString(), viewerId, caseId };
    await this.#documents.send(
      new PutCommand({
        TableName: this.#auditTable,
        Item: {
          pk: casePartitionKey(tenant, caseId),
          sk: `V#${entry.at}#${viewerId}#${Math.random().toString(36).slice(2, 10)}`,
          entry,
        },
      }),
    );
  }

  async subjectCase(tenant: string, subject: Subject): Promise<string | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#casesTable,
        Key: { pk: subjectPartitionKey(tenant, subject), sk: POINTER_SK },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.caseId === 'string' ? Item.caseId : undefined;
  }

  async pointSubject(tenant: string, subject: Subject, caseId: string): Promise<void> {
    await this.#documents.send(
      new PutCommand({
        TableName: this.#casesTable,
        Item: { pk: subjectPartitionKey(tenant, subject), sk: POINTER_SK, caseId },
      }),
    );
  }

  async recordReport(tenant: string, subject: Subject, report: StoredReport): Promise<void> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#auditTable,
          Item: {
            pk: subjectPartitionKey(tenant, subject),
            sk: `R#${report.reportId}`,
            report: plain(report),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Recorded by an earlier delivery of the same report.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async reports(tenant: string, subject: Subject): Promise<StoredReport[]> {
    const reports: StoredReport[] = [];
    for await (const item of this.#pages({
      TableName: this.#auditTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reports)',
      ExpressionAttributeValues: { ':pk': subjectPartitionKey(tenant, subject), ':reports': 'R#' },
    })) {
      reports.push(item.report as StoredReport);
    }
    return reports.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  }

  async #eventsAfter(tenant: string, caseId: string, version: number): Promise<CaseEvent[]> {
    const events: CaseEvent[] = [];
    for await (const item of this.#pages({
      TableName: this.#auditTable,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :last',
      ExpressionAttributeValues: {
        ':pk': casePartitionKey(tenant, caseId),
        ':after': eventSortKey(version + 1),
        ':last': 'E#~',
      },
      ConsistentRead: true,
    })) {
      const parsed = AuditEntrySchema.safeParse(item.entry);
      if (!parsed.success || parsed.data.kind !== 'event')
        throw new MalformedItemError(`${String(item.pk)}/${String(item.sk)}`, 'is not a case event');
      events.push(parsed.data.event);
    }
    return events;
  }

  async #project(reviewCase: ReviewCase): Promise<void> {
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#casesTable,
          Item: {
            pk: casePartitionKey(reviewCase.tenant, reviewCase.caseId),
            sk: CASE_SK,
            version: reviewCase.version,
            case: plain(reviewCase),
            ...indexAttributes(reviewCase),
          },
          ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
          ExpressionAttributeValues: { ':version': reviewCase.version },
        }),
      );
    } catch (error) {
      // The projection already shows this version or a later one.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Reads one urgency shard in order until `limit` items passed the filter or the shard ends. */
  async #queryUrgency(
    queueShard: string,
    limit: number,
    filter: {
      FilterExpression?: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ): Promise<ReviewCase[]> {
    const found: ReviewCase[] = [];
    for await (const item of this.#pages({
      TableName: this.#casesTable,
      IndexName: CasesByUrgencyIndex.name,
      KeyConditionExpression: '#shard = :shard',
      ...filter,
      ExpressionAttributeNames: {
        ...filter.ExpressionAttributeNames,
        '#shard': CasesByUrgencyIndex.partitionKey,
      },
      ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ':shard': queueShard },
      Limit: Math.min(Math.max(limit, 10), 1_000),
    })) {
      found.push(caseFromItem(item));
      if (found.length >= limit) break;
    }
    return found;
  }

  async *#pages(
    input: ConstructorParameters<typeof QueryCommand>[0],
  ): AsyncIterable<Record<string, unknown>> {
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }),
      );
      for (const item of page.Items ?? []) yield item;
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
  }
}

function mostUrgent(cases: ReviewCase[], limit: number): ReviewCase[] {
  const key = (reviewCase: ReviewCase) => `${reviewCase.priority}#${reviewCase.dueAt}#${reviewCase.caseId}`;
  return cases.sort((a, b) => key(a).localeCompare(key(b))).slice(0, limit);
}

function caseFromItem(item: Record<string, unknown>): ReviewCase {
  const parsed = ReviewCaseSchema.safeParse(item.case);
  if (!parsed.success)
    throw new MalformedItemError(`${String(item.pk)}/${String(item.sk)}`, 'does not hold a valid case', {
      cause: parsed.error,
    });
  return parsed.data;
}

/** A JSON copy: drops undefined optionals, which DynamoDB refuses. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

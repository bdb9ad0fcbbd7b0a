import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { projectionOf, signalMarkOf } from '#core/offenders/enforcement-projection';
import type {
  AuthorSnapshot,
  CapReservation,
  EnforcementRecord,
  FoundFingerprint,
  OffenderStore,
  PostMark,
  SignalLinks,
  SignalMarking,
  SignalRef,
  TextFingerprintMark,
  UserStatus,
} from '#ports/offender-store';
import { type EnforcementEvent, EnforcementEventSchema } from '#schemas/event';
import { type Strike, StrikeSchema } from '#schemas/offender';
import type { HashedSignal, SignalName } from '#schemas/submission';
import { MalformedItemError, UnprocessedWritesError } from './errors.ts';

const STATUS_SK = 'STATUS';
const ACCOUNTS_SK = '#ACCOUNTS';
const CAP_SK = 'CAP';
const TIME_DIGITS = 15;
const SEQUENCE_DIGITS = 12;
const LATEST_TIME = 10 ** TIME_DIGITS - 1;
const DAY_SECONDS = 86_400;
/** Posts are kept a month: long enough for a user's recent verdicts, and velocity reads only the last hour. */
const POST_RETENTION_SECONDS = 30 * DAY_SECONDS;
/** A day's cap counter is kept a week after the day, for the dashboards. */
const CAP_RETENTION_SECONDS = 8 * DAY_SECONDS;
const MAX_BATCH_ATTEMPTS = 4;
/** Items read beyond the posts asked for, for the status and strikes that sort before them. */
const READ_AHEAD = 25;

/** The partition of one user's ledger: tenants cannot contain `#`, so the key is unambiguous. */
export function userPartitionKey(tenant: string, userId: string): string {
  return `U#${tenant}#${userId}`;
}

/** The sort key of an enforcement event: zero-padded so sequences sort numerically. */
export function enforcementSortKey(sequence: number): string {
  return `E#${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** Whether an item (such as a stream's NEW_IMAGE, unmarshalled) is a user's enforcement event. */
export function isEnforcementEventItem(item: Record<string, unknown>): boolean {
  return (
    typeof item.pk === 'string' &&
    item.pk.startsWith('U#') &&
    typeof item.sk === 'string' &&
    item.sk.startsWith('E#')
  );
}

/** Reads the event of an enforcement event item (unmarshalled); refuses any other item. */
export function enforcementEventFromItem(item: Record<string, unknown>): EnforcementEvent {
  const key = `${String(item.pk)}/${String(item.sk)}`;
  if (!isEnforcementEventItem(item)) throw new MalformedItemError(key, 'is not an enforcement event');
  const parsed = EnforcementEventSchema.safeParse(item.event);
  if (!parsed.success)
    throw new MalformedItemError(key, 'does not hold a valid enforcement event', { cause: parsed.error });
  return parsed.data;
}

/**
 * The offender store in one DynamoDB table. A user's partition (`U#<tenant>#<user>`) holds enforcement
 * events (`E#<sequence>`), posts (`P#<postedAt>#...`), strikes (`S#`, removals `SR#`) and `STATUS`, in
 * that order, so one query reads the recent posts, every strike and the status. Signal partitions
 * (`L#`) hold the accounts carrying a signal and marks for suspended or banned ones; text fingerprint
 * bands (`T#`, one item per user and minute, newest read first) and daily caps (`C#`) have their own. Events and strikes are written with
 * attribute_not_exists, counters with conditional adds; nothing needs a transaction.
 */
export class DynamoDbOffenderStore implements OffenderStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  async readAuthor(
    tenant: string,
    userId: string,
    postsSinceMs: number,
    postsLimit = Number.POSITIVE_INFINITY,
  ): Promise<AuthorSnapshot> {
    // Newest first: the status and strikes sort after every post, then the latest posts come, so the
    // query stops once it holds enough of them.
    const items: Record<string, unknown>[] = [];
    let postsRead = 0;
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': userPartitionKey(tenant, userId),
            ':from': `P#${timeKey(Math.max(0, postsSinceMs))}`,
            ':to': STATUS_SK,
          },
          ScanIndexForward: false,
          ConsistentRead: true,
          ExclusiveStartKey: exclusiveStartKey,
          ...(Number.isFinite(postsLimit) ? { Limit: Math.min(1_000, postsLimit + READ_AHEAD) } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        if (String(item.sk).startsWith('P#') && postsRead++ >= postsLimit) break;
        items.push(item);
      }
      exclusiveStartKey = postsRead >= postsLimit ? undefined : page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    const strikes = new Map<string, Strike>();
    const removals = new Map<string, Strike['removed']>();
    const posts: PostMark[] = [];
    let status: UserStatus | undefined;
    for (const item of items) {
      const sk = String(item.sk);
      if (sk === STATUS_SK) status = statusFromItem(item);
      else if (sk.startsWith('S#')) strikes.set(sk.slice(2), strikeFromItem(item));
      else if (sk.startsWith('SR#')) removals.set(sk.slice(3), item.removed as Strike['removed']);
      else if (sk.startsWith('P#')) posts.push(postFromItem(tenant, userId, item));
    }
    for (const [key, removed] of removals) {
      const strike = strikes.get(key);
      if (strike !== undefined && removed !== undefined) strike.removed = removed;
    }
    return { status, strikes: [...strikes.values()], posts };
  }

  async recordPost(post: PostMark): Promise<void> {
    await this.#documents.send(
      new PutCommand({
        TableName: this.#tableName,
        Item: {
          pk: userPartitionKey(post.tenant, post.userId),
          sk: `P#${timeKey(post.postedAtMs)}#${post.contentId}#${post.version}`,
          contentId: post.contentId,
          version: post.version,
          kind: post.kind,
          postedAtMs: post.postedAtMs,
          expiresAt: Math.floor(post.postedAtMs / 1_000) + POST_RETENTION_SECONDS,
        },
      }),
    );
  }

  async rememberAuthor(
    tenant: string,
    userId: string,
    seen: { atMs: number; signals: readonly SignalRef[]; enforced?: 'suspend' | 'ban' },
  ): Promise<void> {
    const signalKeys = seen.signals.map(signalKey);
    // The status first: its answer says whether the user is suspended or banned by now. A ban projected
    // meanwhile either finds these signals in the status or is found here, so one of the two marks them.
    const { Attributes } = await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk: userPartitionKey(tenant, userId), sk: STATUS_SK },
        UpdateExpression:
          signalKeys.length === 0
            ? 'SET firstSeenAtMs = if_not_exists(firstSeenAtMs, :seen)'
            : 'SET firstSeenAtMs = if_not_exists(firstSeenAtMs, :seen) ADD signalKeys :signals',
        ExpressionAttributeValues: {
          ':seen': seen.atMs,
          ...(signalKeys.length === 0 ? {} : { ':signals': new Set(signalKeys) }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const now = Attributes === undefined ? undefined : statusFromItem(Attributes).enforcement.action;
    const enforced = seen.enforced ?? signalMarkOf(now);
    await Promise.all(
      seen.signals.map((signal) =>
        this.#link(tenant, userId, signal, {
          atMs: seen.atMs,
          ...(enforced === undefined ? {} : { enforced }),
        }),
      ),
    );
  }

  async recordTextFingerprint(mark: TextFingerprintMark): Promise<void> {
    let requests = mark.bands.map((band) => ({
      PutRequest: {
        Item: {
          pk: `T#${mark.tenant}#${band}`,
          sk: `${timeKey(minuteOf(mark.atMs))}#${mark.userId}`,
          userId: mark.userId,
          fingerprint: mark.fingerprint,
          atMs: mark.atMs,
          expiresAt: Math.ceil(mark.expiresAtMs / 1_000),
        },
      },
    }));
    // One request for every band; what DynamoDB leaves unprocessed under load is sent again.
    for (let attempt = 1; requests.length > 0; attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS)
        throw new UnprocessedWritesError(this.#tableName, requests.length, MAX_BATCH_ATTEMPTS);
      const { UnprocessedItems } = await this.#documents.send(
        new BatchWriteCommand({ RequestItems: { [this.#tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[this.#tableName] ?? []) as typeof requests;
    }
  }

  async findTextFingerprints(
    tenant: string,
    bands: readonly string[],
    sinceMs: number,
    limit: number,
  ): Promise<FoundFingerprint[]> {
    const pages = await Promise.all(
      bands.map((band) =>
        this.#documents.send(
          new QueryCommand({
            TableName: this.#tableName,
            KeyConditionExpression: 'pk = :pk AND sk >= :fromMinute',
            FilterExpression: 'atMs >= :since',
            ExpressionAttributeValues: {
              ':pk': `T#${tenant}#${band}`,
              ':fromMinute': timeKey(minuteOf(Math.max(0, sinceMs))),
              ':since': sinceMs,
            },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
      ),
    );
    return pages.flatMap((page) =>
      (page.Items ?? []).map((item) => ({
        userId: String(item.userId),
        fingerprint: String(item.fingerprint),
        atMs: Number(item.atMs),
      })),
    );
  }

  async findSignalLinks(tenant: string, signals: readonly SignalRef[]): Promise<SignalLinks[]> {
    return Promise.all(
      signals.map(async (signal) => {
        // `#ACCOUNTS` and the `B#` marks sort before the `U#` links, which this leaves unread.
        const items = await this.#queryAll({
          KeyConditionExpression: 'pk = :pk AND sk < :links',
          ExpressionAttributeValues: { ':pk': signalPartitionKey(tenant, signal), ':links': 'U#' },
        });
        let accounts = 0;
        const enforced: SignalLinks['enforced'] = [];
        for (const item of items) {
          if (item.sk === ACCOUNTS_SK) accounts = Number(item.accounts ?? 0);
          else if (String(item.sk).startsWith('B#'))
            enforced.push({ userId: String(item.userId), level: item.level === 'ban' ? 'ban' : 'suspend' });
        }
        return { signal, accounts, enforced };
      }),
    );
  }

  async addStrike(strike: Strike): Promise<{ created: boolean; strike: Strike }> {
    const key = {
      pk: userPartitionKey(strike.tenant, strike.userId),
      sk: `S#${strike.contentId}#${strike.version}`,
    };
    const stored = JSON.parse(JSON.stringify(strike)) as Strike;
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...key, strike: stored },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, strike: stored };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const existing = await this.#get(key);
    if (existing === undefined)
      throw new MalformedItemError(`${key.pk}/${key.sk}`, 'vanished after its conditional write failed');
    return { created: false, strike: strikeFromItem(existing) };
  }

  async removeStrike(
    tenant: string,
    userId: string,
    contentId: string,
    version: number,
    removal: NonNullable<Strike['removed']>,
  ): Promise<boolean> {
    const pk = userPartitionKey(tenant, userId);
    const strike = await this.#get({ pk, sk: `S#${contentId}#${version}` });
    if (strike === undefined) return false;
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk, sk: `SR#${contentId}#${version}`, removed: JSON.parse(JSON.stringify(removal)) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  async appendEnforcement(
    record: EnforcementRecord,
  ): Promise<{ created: boolean; record: EnforcementRecord }> {
    const { event } = record;
    const key = { pk: userPartitionKey(event.tenant, event.userId), sk: enforcementSortKey(event.sequence) };
    const stored = JSON.parse(JSON.stringify(record)) as EnforcementRecord;
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...key, event: stored.event, ladder: stored.ladder },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, record: stored };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const existing = await this.#get(key);
    if (existing === undefined)
      throw new MalformedItemError(`${key.pk}/${key.sk}`, 'vanished after its conditional write failed');
    return {
      created: false,
      record: { event: enforcementEventFromItem(existing), ladder: ladderFromItem(existing) },
    };
  }

  async projectEnforcement(
    record: EnforcementRecord,
    signals: readonly SignalRef[],
    marking: SignalMarking,
  ): Promise<void> {
    const { tenant, userId } = record.event;
    const projection = projectionOf(record);
    let applied: Record<string, unknown> | undefined;
    try {
      // The same sequence applies again, so a retry after a stop before the marks still writes them.
      ({ Attributes: applied } = await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { pk: userPartitionKey(tenant, userId), sk: STATUS_SK },
          UpdateExpression: `SET #sequence = :sequence, ladder = :ladder${projection.enforcement === undefined ? '' : ', enforcement = :enforcement'}`,
          ConditionExpression: 'attribute_not_exists(#sequence) OR #sequence <= :sequence',
          ExpressionAttributeNames: { '#sequence': 'sequence' },
          ExpressionAttributeValues: {
            ':sequence': projection.sequence,
            ':ladder': projection.ladder,
            ...(projection.enforcement === undefined
              ? {}
              : { ':enforcement': JSON.parse(JSON.stringify(projection.enforcement)) }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ));
    } catch (error) {
      // A later record is applied: it marked or cleared the signals as it leaves them.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return;
    }
    if (marking === 'unchanged') return;
    // The signals the status holds now too: one remembered since the caller read it is marked as well.
    const known = new Map(signals.map((signal) => [signalKey(signal), signal]));
    for (const signal of applied === undefined ? [] : statusFromItem(applied).signals)
      known.set(signalKey(signal), signal);
    await Promise.all(
      [...known.values()].map((signal) => {
        const key = { pk: signalPartitionKey(tenant, signal), sk: `B#${userId}` };
        if (marking === 'clear')
          return this.#documents.send(new DeleteCommand({ TableName: this.#tableName, Key: key }));
        return this.#documents.send(
          new PutCommand({ TableName: this.#tableName, Item: { ...key, userId, level: marking.level } }),
        );
      }),
    );
  }

  async reserveDailyCap(reservation: CapReservation): Promise<boolean> {
    const key = { pk: `C#${reservation.tenant}#${reservation.action}#${reservation.day}`, sk: CAP_SK };
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: key,
          UpdateExpression: 'ADD used :one, reserved :key SET expiresAt = :expiresAt',
          ConditionExpression:
            '(attribute_not_exists(used) OR used < :cap) AND NOT contains(reserved, :reservation)',
          ExpressionAttributeValues: {
            ':one': 1,
            ':key': new Set([reservation.key]),
            ':reservation': reservation.key,
            ':cap': reservation.cap,
            ':expiresAt':
              Math.floor(Date.parse(`${reservation.day}T00:00:00Z`) / 1_000) + CAP_RETENTION_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Refused: past the cap, or this action was counted by an earlier attempt.
    const counter = await this.#get(key);
    const reserved = counter?.reserved;
    return reserved instanceof Set && reserved.has(reservation.key);
  }

  async enforcementHistory(tenant: string, userId: string): Promise<EnforcementEvent[]> {
    const items = await this.#queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': userPartitionKey(tenant, userId), ':prefix': 'E#' },
      ConsistentRead: true,
    });
    return items.map(enforcementEventFromItem);
  }

  async recentPosts(tenant: string, userId: string, limit: number): Promise<PostMark[]> {
    const { Items = [] } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': userPartitionKey(tenant, userId), ':prefix': 'P#' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => postFromItem(tenant, userId, item));
  }

  async accountsSharing(
    tenant: string,
    signals: readonly SignalRef[],
    limitPerSignal: number,
  ): Promise<{ userId: string; signal: SignalName; enforced?: 'suspend' | 'ban' }[]> {
    const perSignal = await Promise.all(
      signals.map(async (signal) => {
        const pk = signalPartitionKey(tenant, signal);
        const [links, marks] = await Promise.all([
          this.#documents.send(
            new QueryCommand({
              TableName: this.#tableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': pk, ':prefix': 'U#' },
              Limit: limitPerSignal,
            }),
          ),
          this.#queryAll({
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': pk, ':prefix': 'B#' },
          }),
        ]);
        const enforced = new Map(
          marks.map((mark) => [String(mark.userId), mark.level === 'ban' ? 'ban' : 'suspend'] as const),
        );
        return (links.Items ?? []).map((item) => {
          const userId = String(item.userId);
          const level = enforced.get(userId);
          return { userId, signal: signal.name, ...(level === undefined ? {} : { enforced: level }) };
        });
      }),
    );
    return perSignal.flat();
  }

  async #link(
    tenant: string,
    userId: string,
    signal: SignalRef,
    seen: { atMs: number; enforced?: 'suspend' | 'ban' },
  ): Promise<void> {
    const pk = signalPartitionKey(tenant, signal);
    if (seen.enforced !== undefined) {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk, sk: `B#${userId}`, userId, level: seen.enforced },
        }),
      );
    }
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk, sk: `U#${userId}`, userId, signal: signal.name, atMs: seen.atMs },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
    // Counted after the link exists: a stop in between leaves the count one short, never one over.
    await this.#documents.send(
      new UpdateCommand({
        TableName: this.#tableName,
        Key: { pk, sk: ACCOUNTS_SK },
        UpdateExpression: 'ADD accounts :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  async #get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  async #queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(
        new QueryCommand({ ...input, TableName: this.#tableName, ExclusiveStartKey: exclusiveStartKey }),
      );
      items.push(...(page.Items ?? []));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined);
    return items;
  }
}

function signalPartitionKey(tenant: string, signal: SignalRef): string {
  return `L#${tenant}#${signal.name}#${signal.hash}`;
}

function signalKey(signal: SignalRef): string {
  return `${signal.name}#${signal.hash}`;
}

/** The start of a post's minute: a user's posts of one text in one minute share a fingerprint item. */
function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / 60_000) * 60_000;
}

function timeKey(epochMs: number): string {
  return String(Math.min(LATEST_TIME, Math.floor(epochMs))).padStart(TIME_DIGITS, '0');
}

function statusFromItem(item: Record<string, unknown>): UserStatus {
  const keys = item.signalKeys instanceof Set ? [...(item.signalKeys as Set<string>)] : [];
  const enforcement = (item.enforcement as UserStatus['enforcement'] | undefined) ?? { action: 'none' };
  return {
    sequence: Number(item.sequence ?? 0),
    enforcement,
    ladder: (item.ladder as UserStatus['ladder'] | undefined) ?? { level: 'none', atMs: 0 },
    signals: keys.sort().map((key) => {
      const separator = key.indexOf('#');
      return { name: key.slice(0, separator) as SignalName, hash: key.slice(separator + 1) as HashedSignal };
    }),
    ...(typeof item.firstSeenAtMs === 'number' ? { firstSeenAtMs: item.firstSeenAtMs } : {}),
  };
}

function strikeFromItem(item: Record<string, unknown>): Strike {
  const parsed = StrikeSchema.safeParse(item.strike);
  if (!parsed.success)
    throw new MalformedItemError(`${String(item.pk)}/${String(item.sk)}`, 'does not hold a valid strike', {
      cause: parsed.error,
    });
  return parsed.data;
}

function ladderFromItem(item: Record<string, unknown>): EnforcementRecord['ladder'] {
  const ladder = item.ladder as EnforcementRecord['ladder'] | undefined;
  return ladder ?? { level: 'none', atMs: 0 };
}

function postFromItem(tenant: string, userId: string, item: Record<string, unknown>): PostMark {
  return {
    tenant,
    userId,
    contentId: String(item.contentId),
    version: Number(item.version),
    kind: String(item.kind),
    postedAtMs: Number(item.postedAtMs),
  };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type PatrolEvent, PatrolEventSchema } from '#schemas/event';
import { InvalidCursorError, OutboxItemError } from './errors.ts';

/** One event in the outbox with the cursor that points just past it. */
export interface OutboxEntry {
  cursor: string;
  event: PatrolEvent;
}

/** A page of the outbox: the events after a cursor, and the cursor to ask with next. */
export interface OutboxPage {
  entries: OutboxEntry[];
  nextCursor: string;
}

/** The result of an append: `appended` is false when the event id was already in the outbox. */
export interface AppendedEvent {
  appended: boolean;
  cursor: string;
}

/** The cursor before the first event. */
export const START_CURSOR = '0';

const LOG_PK = 'LOG';
const MARKER_SK = 'EVENT';
const CURSOR_SK = 'CURSOR';
const SEQUENCE_DIGITS = 16;
const CURSOR_PATTERN = /^(0|[1-9][0-9]{0,14})$/;

/** Reads a cursor as the sequence number it stands for, refusing anything not handed out here. */
function parseCursor(cursor: string): number {
  if (!CURSOR_PATTERN.test(cursor)) throw new InvalidCursorError(cursor);
  return Number(cursor);
}

/**
 * Verdict and enforcement events in a DynamoDB table in the order they were appended, for one writing process.
 * An append writes the event under the next sequence number, then a marker conditional on the
 * event id; a repeated append finds the marker and writes nothing. Appends of one event id wait
 * for each other, and the log writes of all events are serialised in process, so sequence order is
 * commit order and a reader's cursor never skips an event.
 */
export class DynamoDbOutbox {
  readonly #documents: DynamoDBDocumentClient;
  readonly #tableName: string;
  #lastSequence: number | undefined;
  #logWrites: Promise<unknown> = Promise.resolve();
  readonly #appendsByEventId = new Map<string, Promise<AppendedEvent>>();

  constructor(documents: DynamoDBDocumentClient, tableName: string) {
    this.#documents = documents;
    this.#tableName = tableName;
  }

  /** Adds an event unless its event id is already there; resolves once it is durable. */
  append(event: PatrolEvent): Promise<AppendedEvent> {
    const previous = this.#appendsByEventId.get(event.eventId) ?? Promise.resolve(undefined);
    const appended = previous.catch(() => undefined).then(() => this.#appendOnce(event));
    this.#appendsByEventId.set(event.eventId, appended);
    const forget = () => {
      if (this.#appendsByEventId.get(event.eventId) === appended)
        this.#appendsByEventId.delete(event.eventId);
    };
    appended.then(forget, forget);
    return appended;
  }

  /** Up to `limit` events after `cursor`, oldest first. */
  async read(cursor: string, limit: number): Promise<OutboxPage> {
    const after = parseCursor(cursor);
    const { Items } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk AND sk > :after',
        ExpressionAttributeValues: { ':pk': LOG_PK, ':after': sequenceKey(after) },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    const entries = (Items ?? []).map(entryFromItem);
    return { entries, nextCursor: entries.at(-1)?.cursor ?? String(after) };
  }

  /** The saved position of a named reader, or the start. */
  async cursor(reader: string): Promise<string> {
    const { Item } = await this.#documents.send(
      new GetCommand({
        TableName: this.#tableName,
        Key: { pk: `CURSOR#${reader}`, sk: CURSOR_SK },
        ConsistentRead: true,
      }),
    );
    return typeof Item?.cursor === 'string' ? Item.cursor : START_CURSOR;
  }

  /** Saves a named reader's position; the reader resumes after it when it restarts. */
  async saveCursor(reader: string, cursor: string): Promise<void> {
    parseCursor(cursor);
    await this.#documents.send(
      new PutCommand({ TableName: this.#tableName, Item: { pk: `CURSOR#${reader}`, sk: CURSOR_SK, cursor } }),
    );
  }

  async #appendOnce(event: PatrolEvent): Promise<AppendedEvent> {
    const markerKey = { pk: `EVENT#${event.eventId}`, sk: MARKER_SK };
    const { Item: marker } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: markerKey, ConsistentRead: true }),
    );
    if (typeof marker?.sequence === 'number') return { appended: false, cursor: String(marker.sequence) };

    // The event goes in before its marker: a stop between the two leaves a second copy with the
    // same event id on the next append, never an event the marker claims but the log lacks.
    const sequence = await this.#writeToLog(event);
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { ...markerKey, sequence },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return { appended: true, cursor: String(sequence) };
  }

  /** Writes the event under the next sequence number, one write at a time. */
  #writeToLog(event: PatrolEvent): Promise<number> {
    const written = this.#logWrites.then(async () => {
      this.#lastSequence ??= await this.#readLastSequence();
      const sequence = this.#lastSequence + 1;
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: { pk: LOG_PK, sk: sequenceKey(sequence), eventId: event.eventId, event },
        }),
      );
      this.#lastSequence = sequence;
      return sequence;
    });
    this.#logWrites = written.catch(() => undefined);
    return written;
  }

  async #readLastSequence(): Promise<number> {
    const { Items } = await this.#documents.send(
      new QueryCommand({
        TableName: this.#tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': LOG_PK },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    const last = Items?.[0];
    return last === undefined ? 0 : Number(last.sk);
  }
}

function sequenceKey(sequence: number): string {
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

function entryFromItem(item: Record<string, unknown>): OutboxEntry {
  const parsed = PatrolEventSchema.safeParse(item.event);
  if (!parsed.success) throw new OutboxItemError(String(item.sk), { cause: parsed.error });
  return { cursor: String(Number(item.sk)), event: parsed.data };
}

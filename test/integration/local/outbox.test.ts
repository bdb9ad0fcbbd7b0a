import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localTableName } from '#adapters/dynamodb/table-definitions';
import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import { toVerdictEvent } from '#core/decide/verdict-event';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import { DynamoDbOutbox, START_CURSOR } from '#local/dynamodb-outbox';
import { InvalidCursorError } from '#local/errors';
import { type OutboxDispatcher, startOutboxDispatcher } from '#local/outbox-dispatcher';
import { OutboxTable } from '#local/outbox-table';
import { OutboxVerdictStore } from '#local/outbox-verdict-store';
import { WebhookEventPublisher } from '#local/webhook-event-publisher';
import { aVerdict } from '#test/helpers/verdicts';
import { waitFor } from '#test/helpers/wait-for';
import { startWebhookReceiver, type WebhookReceiver } from '#test/helpers/webhook-receiver';

const events = (count: number, from = 1) =>
  Array.from({ length: count }, (_, index) =>
    toVerdictEvent(aVerdict({ contentId: `listing-${from + index}` })),
  );

describe('DynamoDbOutbox', () => {
  let dataDir: string;
  let dynamo: DynamoDbLocal;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'patrol-outbox-'));
    dynamo = await startDynamoDbLocal({ path: dataDir, tables: [OutboxTable] });
  });

  afterEach(async () => {
    await dynamo.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const openOutbox = () => new DynamoDbOutbox(dynamo.documentClient, localTableName(OutboxTable));

  it('keeps one copy of an event when the same event id is appended again', async () => {
    const outbox = openOutbox();
    const [event] = events(1);
    if (!event) throw new Error('no event');

    const first = await outbox.append(event);
    const again = await outbox.append(structuredClone(event));

    expect(first.appended).toBe(true);
    expect(again).toEqual({ appended: false, cursor: first.cursor });
    const page = await outbox.read(START_CURSOR, 10);
    expect(page.entries.map((entry) => entry.event)).toEqual([event]);
  });

  it('keeps one copy of an event appended by two redeliveries at the same time', async () => {
    const outbox = openOutbox();
    const [event, other] = events(2);
    if (!event || !other) throw new Error('no events');

    const results = await Promise.all([outbox.append(event), outbox.append(other), outbox.append(event)]);

    expect(results.filter((result) => result.appended)).toHaveLength(2);
    const page = await outbox.read(START_CURSOR, 10);
    expect(page.entries.map((entry) => entry.event.eventId).sort()).toEqual(
      [event.eventId, other.eventId].sort(),
    );
  });

  it('pages through events in append order with the cursor it returns', async () => {
    const outbox = openOutbox();
    const appended = events(5);
    await Promise.all(appended.map((event) => outbox.append(event)));

    const first = await outbox.read(START_CURSOR, 2);
    const rest = await outbox.read(first.nextCursor, 10);
    const after = await outbox.read(rest.nextCursor, 10);

    expect([...first.entries, ...rest.entries].map((entry) => entry.event.eventId)).toEqual(
      appended.map((event) => event.eventId),
    );
    expect(after).toEqual({ entries: [], nextCursor: rest.nextCursor });
  });

  it('continues the sequence and still recognises old event ids after a restart', async () => {
    const [first, second, third] = events(3);
    if (!first || !second || !third) throw new Error('no events');
    await openOutbox().append(first);
    await openOutbox().append(second);
    await dynamo.stop();
    dynamo = await startDynamoDbLocal({ path: dataDir, tables: [OutboxTable] });

    const reopened = openOutbox();
    const repeated = await reopened.append(first);
    await reopened.append(third);

    expect(repeated.appended).toBe(false);
    const page = await reopened.read(START_CURSOR, 10);
    expect(page.entries.map((entry) => entry.event.eventId)).toEqual(
      [first, second, third].map((e) => e.eventId),
    );
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(openOutbox().read('yesterday', 10)).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(openOutbox().read('-1', 10)).rejects.toThrow(/cursor/);
  });
});

describe('startOutboxDispatcher', () => {
  let dynamo: DynamoDbLocal;
  let outbox: DynamoDbOutbox;
  let receiver: WebhookReceiver | undefined;
  let dispatcher: OutboxDispatcher | undefined;

  beforeEach(async () => {
    dynamo = await startDynamoDbLocal({ tables: [OutboxTable] });
    outbox = new DynamoDbOutbox(dynamo.documentClient, localTableName(OutboxTable));
  });

  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
    await receiver?.close();
    await dynamo.stop();
  });

  function dispatchTo(url: string): OutboxDispatcher {
    dispatcher = startOutboxDispatcher({
      outbox,
      reader: 'webhook',
      publisher: new WebhookEventPublisher({ url, baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 }),
      idlePollMs: 20,
      retryDelayMs: 50,
    });
    return dispatcher;
  }

  it('retries an event the webhook refused until it is accepted, keeping the order', async () => {
    receiver = await startWebhookReceiver((_, index) => (index < 4 ? 503 : 200));
    const appended = events(3);
    for (const event of appended) await outbox.append(event);
    dispatchTo(receiver.url);

    const all = appended.map((event) => event.eventId);
    await waitFor('every event accepted', () => (receiver?.accepted.length === 3 ? true : undefined));
    expect(receiver.accepted).toEqual(all);
    const firstTries = receiver.requests.filter((request) => request.body.eventId === all[0]);
    expect(firstTries).toHaveLength(5);
    expect(new Set(firstTries.map((request) => request.headers['x-patrol-event-id']))).toEqual(
      new Set([all[0]]),
    );
  });

  it('resumes after the last accepted event when it restarts', async () => {
    receiver = await startWebhookReceiver();
    for (const event of events(3)) await outbox.append(event);
    await dispatchTo(receiver.url).stop({ flushTimeoutMs: 10_000 });
    expect(receiver.accepted).toHaveLength(3);

    const later = events(2, 4);
    for (const event of later) await outbox.append(event);
    dispatchTo(receiver.url);

    await waitFor('the later events', () => (receiver?.accepted.length === 5 ? true : undefined));
    expect(receiver.accepted.slice(3)).toEqual(later.map((event) => event.eventId));
    expect(new Set(receiver.accepted).size).toBe(5);
  });

  it('loses no event when stopped mid-delivery and restarted, repeating at most the unacknowledged one', async () => {
    let hung = false;
    receiver = await startWebhookReceiver((_, index) => {
      if (index === 5 && !hung) {
        hung = true;
        return 'hang';
      }
      return 200;
    });
    const appended = events(20);
    for (const event of appended) await outbox.append(event);
    const first = dispatchTo(receiver.url);
    await waitFor('a delivery left hanging', () => (hung ? true : undefined));
    await first.stop();

    dispatchTo(receiver.url);
    await waitFor('every event accepted', () => (new Set(receiver?.accepted).size === 20 ? true : undefined));

    expect(receiver.accepted).toEqual(appended.map((event) => event.eventId));
    const [hanging, retried] = receiver.requests.filter(
      (request) => request.body.eventId === appended[5]?.eventId,
    );
    expect(retried?.body).toEqual(hanging?.body);
    expect(retried?.headers['x-patrol-event-id']).toBe(hanging?.headers['x-patrol-event-id']);
  });

  it('delivers an event appended while idle without waiting for the next poll', async () => {
    receiver = await startWebhookReceiver();
    const running = startOutboxDispatcher({
      outbox,
      reader: 'webhook',
      publisher: new WebhookEventPublisher({ url: receiver.url }),
      idlePollMs: 60_000,
    });
    dispatcher = running;
    await new Promise((resolve) => setTimeout(resolve, 100));

    const [event] = events(1);
    if (!event) throw new Error('no event');
    await outbox.append(event);
    running.wake();

    await waitFor('the event', () => (receiver?.accepted.length === 1 ? true : undefined), {
      timeoutMs: 10_000,
    });
    expect(receiver.accepted).toEqual([event.eventId]);
  });
});

describe('OutboxVerdictStore', () => {
  let dynamo: DynamoDbLocal;

  beforeEach(async () => {
    dynamo = await startDynamoDbLocal({ tables: [OutboxTable] });
  });

  afterEach(async () => {
    await dynamo.stop();
  });

  it("puts each recorded verdict's event in the outbox once, also when the verdict is recorded again", async () => {
    const outbox = new DynamoDbOutbox(dynamo.documentClient, localTableName(OutboxTable));
    let wakes = 0;
    const verdicts = new OutboxVerdictStore(new MemoryVerdictStore(), outbox, () => {
      wakes += 1;
    });
    const verdict = aVerdict({ contentId: 'listing-77' });

    const first = await verdicts.record(verdict);
    const again = await verdicts.record({ ...verdict, decidedAt: '2026-11-25T00:00:00.000Z' });

    expect([first.created, again.created]).toEqual([true, false]);
    const page = await outbox.read(START_CURSOR, 10);
    expect(page.entries.map((entry) => entry.event)).toEqual([toVerdictEvent(first.verdict)]);
    expect(wakes).toBe(1);
    expect(await verdicts.get(verdict.tenant, verdict.contentId)).toMatchObject({ latest: first.verdict });
  });
});

import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EventsNotPublishedError, EventTooLargeError } from '#adapters/eventbridge/errors';
import { EventBridgeEventPublisher } from '#adapters/eventbridge/eventbridge-event-publisher';
import { toVerdictEvent } from '#core/decide/verdict-event';
import { VerdictEventSchema } from '#schemas/event';
import type { Reason } from '#schemas/verdict';
import { aVerdict } from '#test/helpers/verdicts';

const BUS = 'patrol-test-verdict-events';
const eventBridge = mockClient(EventBridgeClient);

function verdictEvents(count: number) {
  return Array.from({ length: count }, (_, index) =>
    toVerdictEvent(aVerdict({ contentId: `listing-${index}` })),
  );
}

/** A verdict event of roughly `kib` KiB, made large by many matched reasons. */
function largeVerdictEvent(contentId: string, kib: number) {
  const reason: Reason = {
    ruleId: 'off-platform-contact',
    clause: `guidelines/3.2 ${'x'.repeat(900)}`,
    severity: 'medium',
    status: 'live',
    action: { type: 'review', queue: 'contact-details', priority: 'P2' },
    spans: [{ field: 'body', start: 12, end: 19 }],
  };
  return toVerdictEvent(aVerdict({ contentId, reasons: Array.from({ length: kib }, () => reason) }));
}

function sentEntries(): PutEventsRequestEntry[][] {
  return eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
}

function publisher(maxAttempts = 3) {
  return new EventBridgeEventPublisher(new EventBridgeClient({ region: 'ap-northeast-1' }), {
    eventBusName: BUS,
    maxAttempts,
    retryDelayMs: 0,
  });
}

afterEach(() => {
  eventBridge.reset();
});

describe('EventBridgeEventPublisher', () => {
  it('puts each event on the bus as source patrol, detail type verdict.decided and the event as detail', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    const [event] = verdictEvents(1);

    await publisher().publish(verdictEvents(1));

    const [[entry]] = sentEntries() as [[PutEventsRequestEntry]];
    expect(entry).toMatchObject({ EventBusName: BUS, Source: 'patrol', DetailType: 'verdict.decided' });
    expect(VerdictEventSchema.parse(JSON.parse(entry.Detail ?? ''))).toEqual(event);
    expect(entry.Time?.toISOString()).toBe(event?.occurredAt);
  });

  it('sends 25 events in requests of 10, 10 and 5, in order', async () => {
    eventBridge.on(PutEventsCommand).callsFake(async (input: { Entries: unknown[] }) => ({
      FailedEntryCount: 0,
      Entries: input.Entries.map((_, index) => ({ EventId: `e-${index}` })),
    }));
    const events = verdictEvents(25);

    await publisher().publish(events);

    const requests = sentEntries();
    expect(requests.map((entries) => entries.length)).toEqual([10, 10, 5]);
    const sentIds = requests.flat().map((entry) => JSON.parse(entry.Detail ?? '').eventId);
    expect(sentIds).toEqual(events.map((event) => event.eventId));
  });

  it('retries only the entries EventBridge refused when PutEvents partially fails', async () => {
    const events = verdictEvents(3);
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 1,
        Entries: [
          { EventId: '11710aed-b79e-4468-a20b-bb3c0c3b4860' },
          { ErrorCode: 'InternalFailure', ErrorMessage: 'An internal error occurred.' },
          { EventId: 'd804d26a-88db-4b66-9eaf-9a11c708ae82' },
        ],
      })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'a1b2c3d4-0000-4000-8000-000000000000' }] });

    await publisher().publish(events);

    const [first, retry] = sentEntries();
    expect(first).toHaveLength(3);
    expect(retry?.map((entry) => JSON.parse(entry.Detail ?? '').eventId)).toEqual([events[1]?.eventId]);
  });

  it('throws an error naming the event and its error code when an entry is refused on every attempt', async () => {
    const events = verdictEvents(2);
    eventBridge.on(PutEventsCommand).callsFake(async (input: { Entries: PutEventsRequestEntry[] }) => {
      const refusedIndex = input.Entries.findIndex((entry) =>
        entry.Detail?.includes(events[0]?.eventId ?? '?'),
      );
      return {
        FailedEntryCount: refusedIndex === -1 ? 0 : 1,
        Entries: input.Entries.map((_, index) =>
          index === refusedIndex
            ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }
            : { EventId: `e-${index}` },
        ),
      };
    });

    const published = publisher(3).publish(events);

    await expect(published).rejects.toBeInstanceOf(EventsNotPublishedError);
    await expect(published).rejects.toMatchObject({
      unpublished: [
        { eventId: events[0]?.eventId, errorCode: 'ThrottlingException', errorMessage: 'Rate exceeded' },
      ],
    });
    expect(sentEntries()).toHaveLength(3);
  });

  it('still sends the later requests when an earlier one keeps failing, then names what was not published', async () => {
    const events = verdictEvents(12);
    eventBridge
      .on(PutEventsCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }, { EventId: 'e-2' }] });

    const published = publisher().publish(events);

    await expect(published).rejects.toMatchObject({
      unpublished: events
        .slice(0, 10)
        .map((event) => ({ eventId: event.eventId, errorCode: 'ThrottlingException' })),
    });
    expect(sentEntries().map((entries) => entries.length)).toEqual([10, 2]);
  });

  it('splits requests so none exceeds 256 KiB when events are large', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    const events = ['a', 'b', 'c', 'd'].map((contentId) => largeVerdictEvent(contentId, 100));

    await publisher().publish(events);

    const requestSizes = sentEntries().map((entries) =>
      entries.reduce((bytes, entry) => bytes + Buffer.byteLength(entry.Detail ?? ''), 0),
    );
    expect(requestSizes.length).toBeGreaterThan(1);
    for (const size of requestSizes) expect(size).toBeLessThanOrEqual(256 * 1024);
    expect(sentEntries().flat()).toHaveLength(4);
  });

  it('refuses an event over 256 KiB before sending anything', async () => {
    const events = [...verdictEvents(1), largeVerdictEvent('huge', 300)];

    await expect(publisher().publish(events)).rejects.toBeInstanceOf(EventTooLargeError);
    expect(sentEntries()).toHaveLength(0);
  });

  it('stops retrying when the caller aborts', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const controller = new AbortController();
    const slowRetries = new EventBridgeEventPublisher(new EventBridgeClient({ region: 'ap-northeast-1' }), {
      eventBusName: BUS,
      maxAttempts: 5,
      retryDelayMs: 60_000,
    });

    const published = slowRetries.publish(verdictEvents(1), { signal: controller.signal });
    controller.abort();

    await expect(published).rejects.toMatchObject({ name: 'AbortError' });
    expect(sentEntries()).toHaveLength(1);
  });
});

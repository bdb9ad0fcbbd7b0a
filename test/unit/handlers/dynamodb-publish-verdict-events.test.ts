import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { verdictEventSortKey, verdictPartitionKey } from '#adapters/dynamodb/dynamodb-verdict-store';
import { EventBridgeEventPublisher } from '#adapters/eventbridge/eventbridge-event-publisher';
import { createPublishVerdictEventsHandler } from '#handlers/dynamodb-publish-verdict-events';
import { VerdictEventSchema } from '#schemas/event';
import type { Verdict } from '#schemas/verdict';
import { aStreamEvent } from '#test/helpers/dynamodb-stream-events';
import { aVerdict } from '#test/helpers/verdicts';

const eventBridge = mockClient(EventBridgeClient);

function publishVerdictEvents() {
  return createPublishVerdictEventsHandler({
    publisher: new EventBridgeEventPublisher(new EventBridgeClient({ region: 'ap-northeast-1' }), {
      eventBusName: 'patrol-test-verdict-events',
      maxAttempts: 3,
      retryDelayMs: 0,
    }),
    observability: {
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PatrolTest', serviceName: 'test' }),
    },
  });
}

/** The item the verdict store writes for a verdict event. */
function verdictEventItem(verdict: Verdict): Record<string, unknown> {
  return {
    pk: verdictPartitionKey(verdict.tenant, verdict.contentId),
    sk: verdictEventSortKey(verdict),
    verdict,
  };
}

function publishedDetails(): { eventId: string; verdict: Verdict }[] {
  return eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => VerdictEventSchema.parse(JSON.parse(entry.Detail ?? '')));
}

function refusing(contentId: string, times: number) {
  let refusals = 0;
  return async (input: { Entries: PutEventsRequestEntry[] }) => {
    const refuse = input.Entries.map(
      (entry) => entry.Detail?.includes(`"contentId":"${contentId}"`) && refusals < times,
    );
    refusals += refuse.filter(Boolean).length;
    return {
      FailedEntryCount: refuse.filter(Boolean).length,
      Entries: refuse.map((refused, index) =>
        refused
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'An internal error occurred.' }
          : { EventId: `e-${index}` },
      ),
    };
  };
}

afterEach(() => {
  eventBridge.reset();
});

describe('publishVerdictEvents', () => {
  it('publishes the event of each new verdict in stream order, with its stable event id', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    const auto = aVerdict({ contentId: 'listing-1' });
    const moderator = aVerdict({
      contentId: 'listing-1',
      decision: 'block',
      decidedBy: { type: 'moderator', moderatorId: 'mod-7' },
      decidedAt: '2026-11-20T10:00:00.000Z',
    });

    const response = await publishVerdictEvents()(
      aStreamEvent([{ item: verdictEventItem(auto) }, { item: verdictEventItem(moderator) }]),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(publishedDetails().map((event) => event.eventId)).toEqual([
      'acme-market:listing-1:1:auto',
      'acme-market:listing-1:1:mod-7',
    ]);
    expect(publishedDetails()[1]?.verdict).toEqual(moderator);
  });

  it('reports only the record whose entry EventBridge keeps refusing when PutEvents partially fails', async () => {
    eventBridge.on(PutEventsCommand).callsFake(refusing('listing-2', Number.POSITIVE_INFINITY));
    const verdicts = ['listing-1', 'listing-2', 'listing-3'].map((contentId) => aVerdict({ contentId }));

    const response = await publishVerdictEvents()(
      aStreamEvent(verdicts.map((verdict) => ({ item: verdictEventItem(verdict) }))),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '200' }]);
    expect(publishedDetails().map((event) => event.verdict.contentId)).toEqual(
      expect.arrayContaining(['listing-1', 'listing-3']),
    );
  });

  it('reports no failure when a refused entry is accepted on a retry', async () => {
    eventBridge.on(PutEventsCommand).callsFake(refusing('listing-1', 1));

    const response = await publishVerdictEvents()(
      aStreamEvent([{ item: verdictEventItem(aVerdict({ contentId: 'listing-1' })) }]),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(2);
  });

  it('publishes nothing for the status projection or a removed item', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    const verdict = aVerdict();
    const status = { pk: verdictPartitionKey(verdict.tenant, verdict.contentId), sk: 'STATUS', verdict };

    const response = await publishVerdictEvents()(
      aStreamEvent([{ eventName: 'MODIFY', item: status }, { eventName: 'REMOVE' }]),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('reports a malformed verdict item as failed and still publishes the records around it', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
    const malformed = {
      ...verdictEventItem(aVerdict({ contentId: 'listing-2' })),
      verdict: { decision: 'maybe' },
    };

    const response = await publishVerdictEvents()(
      aStreamEvent([
        { item: verdictEventItem(aVerdict({ contentId: 'listing-1' })) },
        { item: malformed },
        { item: verdictEventItem(aVerdict({ contentId: 'listing-3' })) },
      ]),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '200' }]);
    expect(publishedDetails().map((event) => event.verdict.contentId)).toEqual(['listing-1', 'listing-3']);
  });
});

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { enforcementSortKey, userPartitionKey } from '#adapters/dynamodb/dynamodb-offender-store';
import { createPublishVerdictEventsHandler } from '#handlers/dynamodb-publish-verdict-events';
import type { EventPublisher } from '#ports/event-publisher';
import type { EnforcementEvent, PatrolEvent } from '#schemas/event';
import { aStreamEvent } from '#test/helpers/dynamodb-stream-events';

const BAN: EnforcementEvent = {
  eventId: 'acme-market:user:user-31337:enforcement:3',
  type: 'enforcement.applied',
  occurredAt: '2026-11-20T09:15:00.000Z',
  tenant: 'acme-market',
  userId: 'user-31337',
  sequence: 3,
  action: 'ban',
  decidedBy: { type: 'auto' },
  reason: '15 active strikes reached the ban threshold of 15',
  strikes: 15,
  cause: { contentId: 'listing-8431', version: 1 },
};

/** A publisher that keeps what it is given, failing the first `failures` calls. */
function aPublisher(failures = 0): EventPublisher & { published: PatrolEvent[] } {
  let calls = 0;
  const published: PatrolEvent[] = [];
  return {
    published,
    async publish(events) {
      calls += 1;
      if (calls <= failures) throw new Error('EventBridge is unavailable');
      published.push(...events);
    },
  };
}

function handlerOver(publisher: EventPublisher) {
  return createPublishVerdictEventsHandler({
    publisher,
    observability: {
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'PatrolTest', serviceName: 'test' }),
    },
  });
}

const enforcementItem = {
  pk: userPartitionKey(BAN.tenant, BAN.userId),
  sk: enforcementSortKey(BAN.sequence),
  event: BAN,
  ladder: { level: 'ban', atMs: Date.parse(BAN.occurredAt) },
};

const statusItem = { pk: enforcementItem.pk, sk: 'STATUS', sequence: 3 };

describe('createPublishVerdictEventsHandler with the offenders stream', () => {
  it('publishes an inserted enforcement event as stored, and nothing for the status or a strike', async () => {
    const publisher = aPublisher();

    const response = await handlerOver(publisher)(
      aStreamEvent([
        { item: enforcementItem },
        { eventName: 'MODIFY', item: statusItem },
        { item: { pk: enforcementItem.pk, sk: 'S#listing-8431#1', strike: {} } },
      ]),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(publisher.published).toEqual([BAN]);
  });

  it('answers with the record to retry when the bus refuses an enforcement event', async () => {
    const publisher = aPublisher(1);

    const response = await handlerOver(publisher)(
      aStreamEvent([{ item: enforcementItem }, { item: statusItem }]),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(publisher.published).toEqual([]);
  });

  it('retries an enforcement event item that does not hold a valid event, naming the item', async () => {
    const publisher = aPublisher();
    const broken = { ...enforcementItem, event: { ...BAN, action: 'exile' } };

    const response = await handlerOver(publisher)(aStreamEvent([{ item: broken }, { item: statusItem }]));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '100' }]);
    expect(publisher.published).toEqual([]);
  });
});

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryRejectionLog } from '#adapters/memory/memory-rejection-log';
import { MemoryTenantSecrets } from '#adapters/memory/memory-tenant-secrets';
import { MemoryVerdictStore } from '#adapters/memory/memory-verdict-store';
import { ReviewQueue } from '#adapters/sqs/queue-definitions';
import { SqsReviewRequestSender } from '#adapters/sqs/sqs-review-request-sender';
import { HopLimitError } from '#core/resend/errors';
import { HOPS_ATTRIBUTE, MAX_HOPS } from '#core/resend/hop-limit';
import { createIngestHandler } from '#handlers/sqs-ingest-submission';
import { type LocalSqs, startLocalSqs } from '#local/sqs-local';
import { ManualClock } from '#test/helpers/manual-clock';
import { aRuleSetSource } from '#test/helpers/rule-sets';
import { anSqsRecord } from '#test/helpers/sqs-events';
import { aSubmission } from '#test/helpers/submissions';

vi.hoisted(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

describe('the review-queue send', () => {
  let sqs: LocalSqs;
  let client: SQSClient;

  beforeAll(async () => {
    sqs = await startLocalSqs();
    client = sqs.createClient();
  });

  afterAll(async () => {
    client?.destroy();
    await sqs?.stop();
  });

  async function reviewMessages(): Promise<{ body: string; hops: string | undefined }[]> {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: sqs.queue(ReviewQueue.id).queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages.map((message) => ({
      body: message.Body ?? '',
      hops: message.MessageAttributes?.[HOPS_ATTRIBUTE]?.StringValue,
    }));
  }

  /** An ingest handler that sends borderline verdicts to the review queue. */
  function ingestHandler() {
    return createIngestHandler({
      ruleSets: aRuleSetSource(),
      secrets: new MemoryTenantSecrets({ 'acme-market': new Uint8Array(32).fill(7) }),
      verdicts: new MemoryVerdictStore(),
      rejections: new MemoryRejectionLog(),
      clock: new ManualClock('2026-11-20T00:05:00.000Z'),
      reviews: new SqsReviewRequestSender(client, sqs.queue(ReviewQueue.id).queueUrl),
      observability: {
        logger: new Logger({ serviceName: 'hops-test', logLevel: 'SILENT' }),
        metrics: new Metrics({ namespace: 'PatrolTest', serviceName: 'hops-test' }),
      },
    });
  }

  /** A listing the test pack sends to review, as a message already sent on `hops` times. */
  function borderlineRecord(contentId: string, hops: number) {
    const listing = aSubmission('listing', { contentId, price: { amount: 1_000, currency: 'JPY' } });
    return anSqsRecord(JSON.stringify(listing), {
      messageAttributes: {
        [HOPS_ATTRIBUTE]: {
          dataType: 'Number',
          stringValue: String(hops),
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });
  }

  it('counts one hop more than the message it came from', async () => {
    const handle = ingestHandler();
    const fresh = anSqsRecord(
      JSON.stringify(
        aSubmission('listing', { contentId: 'hops-fresh', price: { amount: 900, currency: 'JPY' } }),
      ),
    );
    const replayed = borderlineRecord('hops-replayed', MAX_HOPS - 1);
    const response = await handle({ Records: [fresh, replayed] });
    expect(response.batchItemFailures).toEqual([]);
    const sent = await reviewMessages();
    expect(
      sent
        .map(({ body, hops }) => [
          (JSON.parse(body) as { verdict: { contentId: string } }).verdict.contentId,
          hops,
        ])
        .sort(),
    ).toEqual([
      ['hops-fresh', '1'],
      ['hops-replayed', String(MAX_HOPS)],
    ]);
  });

  it('sends nothing on from a message at the hop limit and leaves it for the DLQ', async () => {
    const handle = ingestHandler();
    const looping = borderlineRecord('hops-looping', MAX_HOPS);
    const response = await handle({ Records: [looping] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: looping.messageId }]);
    expect(await reviewMessages()).toEqual([]);
    await expect(
      new SqsReviewRequestSender(client, sqs.queue(ReviewQueue.id).queueUrl).send(
        {
          type: 'report',
          tenant: 'acme-market',
          subject: { type: 'user', userId: 'user-1' },
          report: {
            reportId: 'r-1',
            reporterId: 'user-2',
            reasonCode: 'spam',
            reportedAt: '2026-11-20T00:00:00Z',
          },
        },
        { hops: MAX_HOPS },
      ),
    ).rejects.toBeInstanceOf(HopLimitError);
  });
});

import { GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestQueue } from '#adapters/sqs/queue-definitions';
import { SqsDeadLetterQueue } from '#adapters/sqs/sqs-dead-letter-queue';
import { SqsSubmissionQueue } from '#adapters/sqs/sqs-submission-queue';
import { replayDeadLetters } from '#core/dead-letters/replay-dead-letters';
import { HopLimitError } from '#core/resend/errors';
import { hopsOf, MAX_HOPS } from '#core/resend/hop-limit';
import { hopLimited } from '#core/resend/hop-limited-queue';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { LOCAL_REGION, type LocalSqs, startLocalSqs } from '#local/sqs-local';
import { type SqsBatchHandler, type SqsPoller, startSqsPoller } from '#local/sqs-poller';
import type { DeadLetterQueue } from '#ports/dead-letter-queue';
import type { Submission } from '#schemas/submission';
import {
  BLOCK_AND_REVIEW_PACK,
  blockedAndBorderline,
  expectDecidedOnce,
  PipelineRecords,
} from '#test/helpers/pipeline-records';
import { platformSqsClient, queueDepth, sendBodies } from '#test/helpers/platform-queue';
import { aPolicyDirectory } from '#test/helpers/rule-pack-files';
import { waitFor } from '#test/helpers/wait-for';

/** How the worker is handed each batch: as SQS would once, or as a redelivering SQS would, three times. */
type Delivery = 'once' | 'thrice-in-a-row' | 'thrice-at-once' | 'down';

describe('replays', () => {
  let runtime: DevRuntime;
  let policies: { dir: string; cleanup: () => Promise<void> };
  let platform: SQSClient;
  let records: PipelineRecords;
  let delivery: Delivery = 'once';
  let run = 0;

  const deliver =
    (handler: SqsBatchHandler): SqsBatchHandler =>
    async (event, context) => {
      if (delivery === 'down') throw new Error('the worker is down');
      if (delivery === 'thrice-in-a-row') {
        await handler(event, context);
        await handler(event, context);
        return handler(event, context);
      }
      if (delivery === 'thrice-at-once') {
        const answers = await Promise.all([
          handler(event, context),
          handler(event, context),
          handler(event, context),
        ]);
        return answers.at(-1) as SQSBatchResponse;
      }
      return handler(event, context);
    };

  beforeAll(async () => {
    policies = await aPolicyDirectory({ 'block-and-review.yaml': BLOCK_AND_REVIEW_PACK });
    runtime = await startDevRuntime({
      port: 0,
      sqsPort: 0,
      policiesDir: policies.dir,
      // Short, so a message the worker fails reaches the DLQ after its five receives in seconds, yet
      // longer than a batch takes on a busy machine, so no message is received again while it is worked on.
      visibilityTimeoutSeconds: 3,
      logLevel: 'SILENT',
      drainTimeoutMs: 0,
      workerFaults: { instrumentClient: () => {}, wrapHandler: deliver },
    });
    platform = platformSqsClient(runtime.endpoints.sqs);
    records = new PipelineRecords(runtime.endpoints);
  });

  afterAll(async () => {
    platform?.destroy();
    records?.close();
    await runtime?.stop();
    await policies?.cleanup();
  });

  function items(count: number): Submission[] {
    run += 1;
    return blockedAndBorderline(`replay-${run}`, count);
  }

  async function send(bodies: readonly string[]): Promise<void> {
    await sendBodies(platform, runtime.queues.ingest?.url ?? '', bodies);
  }

  function depth(queueUrl: string): Promise<number> {
    return queueDepth(platform, queueUrl);
  }

  const settled = (what: string) =>
    waitFor(
      what,
      async () =>
        (await depth(runtime.queues.ingest?.url ?? '')) === 0 &&
        (await depth(runtime.queues.review?.url ?? '')) === 0
          ? true
          : undefined,
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  it('decides each item once when every message is delivered three times in a row', async () => {
    delivery = 'thrice-in-a-row';
    const submissions = items(10);
    await send(submissions.map((submission) => JSON.stringify(submission)));
    await settled('three deliveries in a row of each message');
    expectDecidedOnce(await records.of(submissions));
  }, 90_000);

  it('decides each item once when every message is delivered three times at once', async () => {
    delivery = 'thrice-at-once';
    const submissions = items(10);
    await send(submissions.map((submission) => JSON.stringify(submission)));
    await settled('three deliveries at once of each message');
    expectDecidedOnce(await records.of(submissions));
  }, 90_000);

  it('decides each item once when the platform sends it again under new message ids', async () => {
    delivery = 'once';
    const submissions = items(10);
    const bodies = submissions.map((submission) => JSON.stringify(submission));
    await send([...bodies, ...bodies, ...bodies]);
    await settled('every copy of every item');
    expectDecidedOnce(await records.of(submissions));
  }, 90_000);

  it('decides each item once when its dead letters are redriven twice', async () => {
    delivery = 'down';
    const submissions = items(6);
    await send(submissions.map((submission) => JSON.stringify(submission)));
    const dlqUrl = runtime.queues.ingest?.dlqUrl ?? '';
    await waitFor('every message in the DLQ', async () => ((await depth(dlqUrl)) === 6 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    delivery = 'once';
    const deadLetters = new SqsDeadLetterQueue(platform, dlqUrl);
    const source = hopLimited(new SqsSubmissionQueue(platform, runtime.queues.ingest?.url ?? ''));
    // The first redrive sends every letter but fails to delete them, as an interrupted replay would.
    const undeletable: DeadLetterQueue = {
      receiveAll: (options) => deadLetters.receiveAll(options),
      release: (letters) => deadLetters.release(letters),
      remove: async () => {
        throw new Error('the DLQ did not answer');
      },
    };
    const first = await replayDeadLetters(
      { deadLetters: undeletable, source },
      { max: 100, holdSeconds: 30, dryRun: false },
    );
    expect(first.failed.map((failure) => failure.sent)).toEqual(Array(6).fill(true));
    const second = await replayDeadLetters(
      { deadLetters, source },
      { max: 100, holdSeconds: 30, dryRun: false },
    );
    expect(second.replayed).toHaveLength(6);
    await settled('both redrives');
    expect(await depth(dlqUrl)).toBe(0);
    expectDecidedOnce(await records.of(submissions));
  }, 120_000);
});

describe('the hop limit on replays', () => {
  let sqs: LocalSqs;
  let client: SQSClient;
  let poller: SqsPoller;

  beforeAll(async () => {
    // One receive and the message is dead-lettered: each round of the loop takes about a second.
    sqs = await startLocalSqs({
      definitions: [{ ...IngestQueue, maxReceiveCount: 1 }],
      visibilityTimeoutSeconds: 1,
    });
    client = sqs.createClient();
    poller = startSqsPoller({
      client,
      queue: sqs.queue(IngestQueue.id),
      region: LOCAL_REGION,
      handler: async () => {
        throw new Error('this message can never be decided');
      },
      waitTimeSeconds: 1,
    });
  });

  afterAll(async () => {
    await poller?.stop();
    client?.destroy();
    await sqs?.stop();
  });

  it('stops replaying a message that keeps coming back once it has been sent on the most times allowed', async () => {
    const { queueUrl, dlqUrl } = sqs.queue(IngestQueue.id);
    const deadLetters = new SqsDeadLetterQueue(client, dlqUrl);
    const source = hopLimited(new SqsSubmissionQueue(client, queueUrl));
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"schemaVersion":1}' }));
    const dead = async () => {
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages) === 1 ? true : undefined;
    };

    const replayed: number[] = [];
    let refusal = '';
    for (let round = 1; round <= MAX_HOPS + 2 && refusal === ''; round++) {
      await waitFor('the message back in the DLQ', dead, { timeoutMs: 30_000, intervalMs: 100 });
      const outcome = await replayDeadLetters(
        { deadLetters, source },
        { max: 10, holdSeconds: 30, dryRun: false },
      );
      replayed.push(outcome.replayed.length);
      refusal = outcome.failed[0]?.reason ?? '';
    }

    expect(replayed).toEqual([...Array(MAX_HOPS).fill(1), 0]);
    expect(refusal).toContain(HopLimitError.name);
    const [letter] = await deadLetters.receiveAll({ max: 10, holdSeconds: 30 });
    expect(letter && hopsOf(letter.attributes)).toBe(MAX_HOPS);
  }, 60_000);
});

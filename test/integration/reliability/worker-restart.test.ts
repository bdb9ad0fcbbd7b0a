import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import {
  BLOCK_AND_REVIEW_PACK,
  blockedAndBorderline,
  expectDecidedOnce,
  PipelineRecords,
} from '#test/helpers/pipeline-records';
import { platformSqsClient, queueDepth, sendBodies } from '#test/helpers/platform-queue';
import { aPolicyDirectory } from '#test/helpers/rule-pack-files';
import { waitFor } from '#test/helpers/wait-for';

describe('DevRuntime.restartWorker', () => {
  let runtime: DevRuntime;
  let policies: { dir: string; cleanup: () => Promise<void> };
  let platform: SQSClient;
  let records: PipelineRecords;
  let batchesStarted = 0;

  beforeAll(async () => {
    policies = await aPolicyDirectory({ 'block-and-review.yaml': BLOCK_AND_REVIEW_PACK });
    runtime = await startDevRuntime({
      port: 0,
      sqsPort: 0,
      policiesDir: policies.dir,
      visibilityTimeoutSeconds: 3,
      logLevel: 'SILENT',
      drainTimeoutMs: 0,
      workerFaults: {
        instrumentClient: () => {},
        // A slow worker, so a kill always finds batches in flight.
        wrapHandler: (handler) => async (event, context) => {
          batchesStarted += 1;
          await new Promise((resolve) => setTimeout(resolve, 400));
          return handler(event, context);
        },
      },
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

  function queued(): Promise<number> {
    return queueDepth(platform, runtime.queues.ingest?.url ?? '');
  }

  it('decides every item once when the worker is killed twice mid-stream while the queue keeps its messages', async () => {
    const submissions = blockedAndBorderline('restart', 60);
    const bodies = submissions.map((submission) => JSON.stringify(submission));
    await sendBodies(platform, runtime.queues.ingest?.url ?? '', bodies);

    for (const kill of [1, 2]) {
      const startedBefore = batchesStarted;
      await waitFor(`a batch in flight before kill ${kill}`, () =>
        batchesStarted > startedBefore ? true : undefined,
      );
      await runtime.restartWorker();
    }
    await waitFor('the queue to empty', async () => ((await queued()) === 0 ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 200,
    });

    // The killed batches were never acknowledged: their messages came back and were found decided.
    expect(runtime.progress().redelivered).toBeGreaterThan(0);
    expectDecidedOnce(await records.of(submissions));
  }, 120_000);
});

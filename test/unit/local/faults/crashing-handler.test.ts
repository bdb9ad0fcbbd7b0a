import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { withCrashes } from '#local/faults/crashing-handler';
import { InjectedCrashError } from '#local/faults/errors';
import type { SqsBatchHandler } from '#local/sqs-poller';
import { anSqsRecord } from '#test/helpers/sqs-events';

function batchOf(count: number): SQSEvent {
  return { Records: Array.from({ length: count }, (_, index) => anSqsRecord(`body-${index}`)) };
}

/** A handler that remembers which message ids it was given. */
function recordingHandler(): { handler: SqsBatchHandler; handled: string[] } {
  const handled: string[] = [];
  return {
    handled,
    handler: async (event) => {
      handled.push(...event.Records.map((record) => record.messageId));
      return { batchItemFailures: [] };
    },
  };
}

/** Replays the given draws, so a test chooses when the crash comes and where. */
function draws(...values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}

describe('withCrashes', () => {
  it('handles the first records, then fails the whole invocation when the draw falls under the rate', async () => {
    const { handler, handled } = recordingHandler();
    const event = batchOf(10);
    const crashing = withCrashes(handler, { rate: 0.5, random: draws(0.1, 0.35) });
    const failure = crashing(event, {} as Context);
    await expect(failure).rejects.toBeInstanceOf(InjectedCrashError);
    await expect(failure).rejects.toMatchObject({ processed: 3, received: 10 });
    expect(handled).toEqual(event.Records.slice(0, 3).map((record) => record.messageId));
  });

  it('passes the batch and its answer through when the draw is at or above the rate', async () => {
    const { handler, handled } = recordingHandler();
    const event = batchOf(4);
    const crashing = withCrashes(handler, { rate: 0.5, random: draws(0.5) });
    await expect(crashing(event, {} as Context)).resolves.toEqual({ batchItemFailures: [] });
    expect(handled).toHaveLength(4);
  });

  it('crashes at about the rate it is given over many batches', async () => {
    const { handler } = recordingHandler();
    let state = 7;
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return state / 2_147_483_647;
    };
    let crashes = 0;
    const crashing = withCrashes(handler, { rate: 0.1, random, onCrash: () => crashes++ });
    for (let batch = 0; batch < 2_000; batch++)
      await crashing(batchOf(2), {} as Context).catch(() => undefined);
    expect(crashes).toBeGreaterThan(140);
    expect(crashes).toBeLessThan(260);
  });
});

import type { Context, SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { WorkerKilledError } from '#local/faults/errors';
import { killable } from '#local/faults/killable-handler';
import { anSqsEvent } from '#test/helpers/sqs-events';

describe('killable', () => {
  it('fails a batch in flight at once when the worker is killed, without waiting for its work', async () => {
    let finishWork: (response: SQSBatchResponse) => void = () => {};
    const slow = () => new Promise<SQSBatchResponse>((resolve) => (finishWork = resolve));
    const worker = killable(slow);
    const inFlight = worker.handler(anSqsEvent(['a', 'b']), {} as Context);
    worker.kill();
    await expect(inFlight).rejects.toBeInstanceOf(WorkerKilledError);
    finishWork({ batchItemFailures: [] });
  });

  it('refuses every batch after the kill without starting its work', async () => {
    let started = 0;
    const worker = killable(async () => {
      started++;
      return { batchItemFailures: [] };
    });
    worker.kill();
    await expect(worker.handler(anSqsEvent(['a']), {} as Context)).rejects.toBeInstanceOf(WorkerKilledError);
    expect(started).toBe(0);
  });

  it('answers as the handler does while it lives', async () => {
    const worker = killable(async (event) => ({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId ?? '' }],
    }));
    const event = anSqsEvent(['a', 'b']);
    await expect(worker.handler(event, {} as Context)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryDeadLetterQueue } from '#adapters/memory/memory-dead-letter-queue';
import { replayDeadLetters } from '#core/dead-letters/replay-dead-letters';
import type { DeadLetter, QueuedMessage } from '#ports/dead-letter-queue';

const OPTIONS = { max: 100, holdSeconds: 60, dryRun: false };
const ATTRIBUTES = { traceId: { dataType: 'String', stringValue: 'trace-1' } };

function queueWith(...messageIds: string[]): MemoryDeadLetterQueue {
  const queue = new MemoryDeadLetterQueue();
  for (const messageId of messageIds) {
    queue.deadLetter({
      messageId,
      body: `{"contentId":"${messageId}"}`,
      attributes: ATTRIBUTES,
      receiveCount: 5,
      sentAt: new Date('2026-11-20T12:00:00.000Z'),
    });
  }
  return queue;
}

describe('replayDeadLetters', () => {
  it('sends every letter back with its body and attributes and deletes it from the DLQ', async () => {
    const queue = queueWith('m-1', 'm-2');

    const outcome = await replayDeadLetters({ deadLetters: queue, source: queue }, OPTIONS);

    expect(outcome.replayed).toEqual([
      { messageId: 'm-1', newMessageId: 'replayed-1' },
      { messageId: 'm-2', newMessageId: 'replayed-2' },
    ]);
    expect(queue.sent.map(({ body, attributes }) => ({ body, attributes }))).toEqual([
      { body: '{"contentId":"m-1"}', attributes: ATTRIBUTES },
      { body: '{"contentId":"m-2"}', attributes: ATTRIBUTES },
    ]);
    expect(queue.messageIds()).toEqual([]);
  });

  it('replays only the letters asked for, reports unknown ids and leaves the rest visible', async () => {
    const queue = queueWith('m-1', 'm-2', 'm-3');

    const outcome = await replayDeadLetters(
      { deadLetters: queue, source: queue },
      { ...OPTIONS, messageIds: ['m-2', 'm-9'] },
    );

    expect(outcome).toMatchObject({ notFound: ['m-9'], untouched: 2, failed: [] });
    expect(outcome.replayed.map((replayed) => replayed.messageId)).toEqual(['m-2']);
    const visible = await queue.receiveAll(OPTIONS);
    expect(visible.map((letter) => letter.messageId)).toEqual(['m-1', 'm-3']);
  });

  it('sends and deletes nothing in a dry run, and says what it would replay', async () => {
    const queue = queueWith('m-1', 'm-2');

    const outcome = await replayDeadLetters(
      { deadLetters: queue, source: queue },
      { ...OPTIONS, dryRun: true },
    );

    expect(outcome.dryRun).toBe(true);
    expect(outcome.replayed).toEqual([{ messageId: 'm-1' }, { messageId: 'm-2' }]);
    expect(queue.sent).toEqual([]);
    expect((await queue.receiveAll(OPTIONS)).map((letter) => letter.messageId)).toEqual(['m-1', 'm-2']);
  });

  it('keeps a letter in the DLQ, visible, when its send fails, and goes on with the others', async () => {
    const queue = queueWith('m-1', 'm-2');
    const source = {
      send: async (message: QueuedMessage) => {
        if (message.body.includes('m-1'))
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        return queue.send(message);
      },
    };

    const outcome = await replayDeadLetters({ deadLetters: queue, source }, OPTIONS);

    expect(outcome.failed).toEqual([
      { messageId: 'm-1', sent: false, reason: 'not sent: ThrottlingException: Rate exceeded' },
    ]);
    expect(outcome.replayed.map((replayed) => replayed.messageId)).toEqual(['m-2']);
    expect((await queue.receiveAll(OPTIONS)).map((letter) => letter.messageId)).toEqual(['m-1']);
  });

  it('reports a letter sent but not deleted, so the operator knows it may be decided twice', async () => {
    const queue = queueWith('m-1');
    const deadLetters = {
      receiveAll: (options: { max: number; holdSeconds: number }) => queue.receiveAll(options),
      release: (letters: readonly DeadLetter[]) => queue.release(letters),
      remove: async () => {
        throw new Error('connection reset');
      },
    };

    const outcome = await replayDeadLetters({ deadLetters, source: queue }, OPTIONS);

    expect(outcome.failed).toEqual([
      expect.objectContaining({
        messageId: 'm-1',
        sent: true,
        reason: expect.stringContaining('sent as replayed-1'),
      }),
    ]);
    expect(queue.messageIds()).toEqual(['m-1']);
  });
});

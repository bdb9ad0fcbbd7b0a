import { describe, expect, it } from 'vitest';
import { MemoryDeadLetterQueue } from '#adapters/memory/memory-dead-letter-queue';
import { MemoryRejectionLog } from '#adapters/memory/memory-rejection-log';
import { listDeadLetters } from '#core/dead-letters/list-dead-letters';
import { NO_REJECTION_REASON } from '#core/dead-letters/summarise-dead-letter';
import type { DeadLetter } from '#ports/dead-letter-queue';
import { ManualClock } from '#test/helpers/manual-clock';

const NOW = '2026-11-20T12:00:00.000Z';
const OPTIONS = { max: 100, holdSeconds: 60 };

function setUp() {
  const clock = new ManualClock(NOW);
  const queue = new MemoryDeadLetterQueue();
  const rejections = new MemoryRejectionLog(clock);
  return { clock, queue, rejections };
}

describe('listDeadLetters', () => {
  it('lists each letter with the reason, issues, tenant and content id its rejection recorded', async () => {
    const { clock, queue, rejections } = setUp();
    queue.deadLetter({
      messageId: 'm-1',
      body: '{"tenant":"acme-market","contentId":"item-1","price":{"amount":-5}}',
      attributes: {},
      receiveCount: 5,
      sentAt: new Date('2026-11-20T11:58:30.000Z'),
    });
    await rejections.record({
      messageId: 'm-1',
      reason: 'submission is invalid',
      issues: [{ path: 'price.amount', message: 'expected a number of at least 0' }],
      tenant: 'acme-market',
      contentId: 'item-1',
      rejectedAt: '2026-11-20T11:58:31.000Z',
    });

    const listed = await listDeadLetters({ deadLetters: queue, rejections, clock }, OPTIONS);

    expect(listed).toEqual([
      {
        messageId: 'm-1',
        tenant: 'acme-market',
        contentId: 'item-1',
        reason: 'submission is invalid',
        issues: [{ path: 'price.amount', message: 'expected a number of at least 0' }],
        rejected: true,
        receiveCount: 6,
        sentAt: '2026-11-20T11:58:30.000Z',
        ageSeconds: 90,
      },
    ]);
  });

  it('names tenant and content id from the body, and no reason, when a letter has no rejection', async () => {
    const { clock, queue, rejections } = setUp();
    queue.deadLetter({
      messageId: 'm-2',
      body: '{"tenant":"gig-board","contentId":"job-7","body":"secret text"}',
      attributes: {},
      receiveCount: 5,
      sentAt: new Date(NOW),
    });
    queue.deadLetter({
      messageId: 'm-3',
      body: 'not json',
      attributes: {},
      receiveCount: 5,
      sentAt: new Date(NOW),
    });

    const listed = await listDeadLetters({ deadLetters: queue, rejections, clock }, OPTIONS);

    expect(
      listed.map(({ messageId, tenant, contentId, reason, rejected }) => ({
        messageId,
        tenant,
        contentId,
        reason,
        rejected,
      })),
    ).toEqual([
      {
        messageId: 'm-2',
        tenant: 'gig-board',
        contentId: 'job-7',
        reason: NO_REJECTION_REASON,
        rejected: false,
      },
      {
        messageId: 'm-3',
        tenant: undefined,
        contentId: undefined,
        reason: NO_REJECTION_REASON,
        rejected: false,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain('secret text');
  });

  it('lists the oldest letter first', async () => {
    const { clock, queue } = setUp();
    for (const [messageId, sentAt] of [
      ['newer', '2026-11-20T11:00:00.000Z'],
      ['older', '2026-11-19T11:00:00.000Z'],
    ] as const) {
      queue.deadLetter({ messageId, body: '{}', attributes: {}, receiveCount: 5, sentAt: new Date(sentAt) });
    }

    const listed = await listDeadLetters({ deadLetters: queue, clock }, OPTIONS);

    expect(listed.map((summary) => summary.messageId)).toEqual(['older', 'newer']);
  });

  it('leaves every letter visible in the queue after listing, even when a look-up fails', async () => {
    const { clock, queue } = setUp();
    queue.deadLetter({
      messageId: 'm-1',
      body: '{}',
      attributes: {},
      receiveCount: 5,
      sentAt: new Date(NOW),
    });
    const failing = {
      record: async () => {},
      get: async () => {
        throw new Error('DynamoDB unavailable');
      },
    };

    await expect(
      listDeadLetters({ deadLetters: queue, rejections: failing, clock }, OPTIONS),
    ).rejects.toThrow('DynamoDB unavailable');
    const again: DeadLetter[] = await queue.receiveAll(OPTIONS);
    expect(again.map((letter) => letter.messageId)).toEqual(['m-1']);
  });

  it('reads no more than the maximum asked for', async () => {
    const { clock, queue } = setUp();
    for (let index = 0; index < 5; index += 1) {
      queue.deadLetter({
        messageId: `m-${index}`,
        body: '{}',
        attributes: {},
        receiveCount: 5,
        sentAt: new Date(NOW),
      });
    }

    expect(await listDeadLetters({ deadLetters: queue, clock }, { ...OPTIONS, max: 3 })).toHaveLength(3);
  });
});

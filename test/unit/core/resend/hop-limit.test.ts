import { describe, expect, it } from 'vitest';
import { HopLimitError } from '#core/resend/errors';
import { HOPS_ATTRIBUTE, hopsOf, MAX_HOPS, withNextHop } from '#core/resend/hop-limit';
import { hopLimited } from '#core/resend/hop-limited-queue';
import type { QueuedMessage } from '#ports/dead-letter-queue';

const PLATFORM_ATTRIBUTE = { trace: { dataType: 'String', stringValue: 'req-7' } };

describe('withNextHop', () => {
  it('counts the first send on as hop 1 and keeps the attributes the platform sent', () => {
    expect(withNextHop(PLATFORM_ATTRIBUTE)).toEqual({
      ...PLATFORM_ATTRIBUTE,
      [HOPS_ATTRIBUTE]: { dataType: 'Number', stringValue: '1' },
    });
  });

  it('adds one hop per send until the cap, then refuses with HopLimitError', () => {
    let attributes: Record<string, { dataType: string; stringValue?: string }> = {};
    for (let hop = 1; hop <= MAX_HOPS; hop++) {
      attributes = withNextHop(attributes);
      expect(hopsOf(attributes)).toBe(hop);
    }
    expect(() => withNextHop(attributes)).toThrow(HopLimitError);
    expect(() => withNextHop(attributes)).toThrow(/already sent on 3 times/);
  });

  it('reads a missing or unreadable count as no hops, so a garbled attribute cannot block a replay', () => {
    expect(hopsOf({})).toBe(0);
    expect(hopsOf({ [HOPS_ATTRIBUTE]: { dataType: 'Number', stringValue: 'lots' } })).toBe(0);
    expect(hopsOf({ [HOPS_ATTRIBUTE]: { dataType: 'Number', stringValue: '-4' } })).toBe(0);
  });
});

describe('hopLimited', () => {
  it('sends each message on with one more hop, and refuses one that reached the cap without sending it', async () => {
    const sent: QueuedMessage[] = [];
    const queue = hopLimited(
      {
        send: async (message) => {
          sent.push(message);
          return `m-${sent.length}`;
        },
      },
      2,
    );
    const first = { body: '{"contentId":"c-1"}', attributes: PLATFORM_ATTRIBUTE };
    await expect(queue.send(first)).resolves.toBe('m-1');
    const second = sent[0] as QueuedMessage;
    await queue.send(second);
    await expect(queue.send(sent[1] as QueuedMessage)).rejects.toBeInstanceOf(HopLimitError);
    expect(sent.map((message) => hopsOf(message.attributes))).toEqual([1, 2]);
    expect(sent.every((message) => message.body === first.body)).toBe(true);
  });
});

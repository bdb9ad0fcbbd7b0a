import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { type DemoTheme, nextDemoMessage } from '#local/demo-content';
import { startDemoFeed } from '#local/demo-feed';
import { startLocalSqs } from '#local/sqs-local';
import { SubmissionSchema } from '#schemas/submission';

/** A small seeded generator, so a failure names a reproducible draw. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function parses(body: string): boolean {
  try {
    return SubmissionSchema.safeParse(JSON.parse(body)).success;
  } catch {
    return false;
  }
}

describe('nextDemoMessage', () => {
  const now = new Date('2026-11-24T10:00:00+09:00');
  const random = seeded(7);
  const messages = Array.from({ length: 2_000 }, (_, index) => nextDemoMessage(index, now, random));

  it('draws submissions that follow the contract, except the ones meant to be malformed', () => {
    for (const message of messages)
      expect(parses(message.body), message.body).toBe(message.theme !== 'malformed');
  });

  it('draws mostly clean content with every kind of violation among the rest', () => {
    const themes = new Map<DemoTheme, number>();
    for (const { theme } of messages) themes.set(theme, (themes.get(theme) ?? 0) + 1);

    expect(themes.get('clean') ?? 0).toBeGreaterThan(messages.length / 2);
    for (const theme of [
      'contact-exchange',
      'off-platform-payment',
      'counterfeit',
      'scam',
      'papakatsu',
      'academic-fraud',
      'malformed',
    ] as const) {
      expect(themes.get(theme), theme).toBeGreaterThan(0);
    }
  });

  it('draws Japanese and English content of every kind a platform posts', () => {
    const valid = messages
      .filter((message) => message.theme !== 'malformed')
      .map((message) => JSON.parse(message.body));

    expect(new Set(valid.map((submission) => submission.locale))).toEqual(new Set(['ja', 'en']));
    expect(new Set(valid.map((submission) => submission.kind))).toEqual(
      new Set(['listing', 'message', 'profile', 'job', 'review', 'comment']),
    );
    expect(new Set(valid.map((submission) => submission.contentId)).size).toBe(valid.length);
  });
});

describe('startDemoFeed', () => {
  it('posts demo messages to the queue until it is stopped', async () => {
    const sqs = await startLocalSqs();
    const client = sqs.createClient();
    const queueUrl = sqs.queue('ingest').queueUrl;
    const sentIds: string[] = [];
    const feed = startDemoFeed({ client, queueUrl, ratePerSecond: 50, onSent: (_, id) => sentIds.push(id) });
    try {
      const received: string[] = [];
      while (received.length < 10) {
        const { Messages } = await client.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
        );
        received.push(...(Messages ?? []).map((message) => message.MessageId ?? ''));
      }
      await feed.stop();
      const sentWhenStopped = sentIds.length;
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(received.every((id) => sentIds.includes(id))).toBe(true);
      expect(sentIds).toHaveLength(sentWhenStopped);
    } finally {
      await feed.stop();
      client.destroy();
      await sqs.stop();
    }
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRejectionLog } from '#adapters/dynamodb/dynamodb-rejection-log';
import { localTableName, RejectionsTable } from '#adapters/dynamodb/table-definitions';
import { SystemClock } from '#adapters/system/system-clock';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import type { VerdictEvent } from '#schemas/event';
import type { ContentKind, Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';
import { aSubmission } from '#test/helpers/submissions';
import { waitFor } from '#test/helpers/wait-for';
import { startWebhookReceiver, type WebhookReceiver } from '#test/helpers/webhook-receiver';

const TOTAL = 1_000;
const MALFORMED = 50;
const REPEATED = 100;
const VALID = TOTAL - MALFORMED - REPEATED;
const KINDS: readonly ContentKind[] = ['listing', 'message', 'profile', 'comment', 'job', 'review', 'report'];

/** Malformed bodies a platform might send, with the field the rejection must name ('' for the body). */
const MALFORMED_KINDS: readonly { field: string; body: (index: number) => string }[] = [
  { field: '', body: (index) => `{"schemaVersion":1,"contentId":"broken-${index}",` },
  {
    field: 'schemaVersion',
    body: (index) =>
      JSON.stringify({ ...aSubmission('listing'), schemaVersion: 99, contentId: `v99-${index}` }),
  },
  {
    field: 'tenant',
    body: (index) =>
      JSON.stringify({ ...aSubmission('comment'), tenant: 'Not A Tenant', contentId: `t-${index}` }),
  },
  {
    field: 'price.amount',
    body: (index) =>
      JSON.stringify(
        aSubmission('listing', { contentId: `neg-${index}`, price: { amount: -5, currency: 'JPY' } }),
      ),
  },
  {
    field: 'author',
    body: (index) => {
      const { author: _author, ...withoutAuthor } = aSubmission('profile', { contentId: `anon-${index}` });
      return JSON.stringify(withoutAuthor);
    },
  },
];

interface Sent {
  messageId: string;
  body: string;
}

/** A seeded generator, so the mix of kinds, languages and repeats is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('patrol dev, end to end', () => {
  let runtime: DevRuntime;
  let platform: SQSClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    runtime = await startDevRuntime({
      port: 0,
      sqsPort: 0,
      // Short enough that each malformed message reaches the DLQ after maxReceiveCount tries in seconds.
      visibilityTimeoutSeconds: 3,
      pollers: 4,
      webhookUrl: receiver.url,
    });
    // Configured as a platform would configure it: only the endpoint, region and credentials differ from AWS.
    platform = new SQSClient({
      endpoint: runtime.endpoints.sqs,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'platform', secretAccessKey: 'platform' },
    });
  });

  afterAll(async () => {
    platform?.destroy();
    await runtime?.stop();
    await receiver?.close();
  });

  it('stores exactly one verdict per valid submission and dead-letters every malformed one with its reason', async () => {
    const random = seeded(42);
    const valid: Submission[] = Array.from({ length: VALID }, (_, index) => {
      const kind = KINDS[index % KINDS.length] as ContentKind;
      return aSubmission(kind, {
        contentId: `e2e-${kind}-${index}`,
        ...(random() < 0.5 ? { locale: 'en-US' } : {}),
      } as Partial<Submission>);
    });
    const malformed = Array.from({ length: MALFORMED }, (_, index) => {
      const kind = MALFORMED_KINDS[index % MALFORMED_KINDS.length] as (typeof MALFORMED_KINDS)[number];
      return { field: kind.field, body: kind.body(index) };
    });
    const repeats = Array.from({ length: REPEATED }, () => valid[Math.floor(random() * VALID)] as Submission);
    const bodies = [
      ...valid.map((submission) => JSON.stringify(submission)),
      ...malformed.map(({ body }) => body),
      ...repeats.map((submission) => JSON.stringify(submission)),
    ];
    // Shuffled so repeats and malformed messages share batches with valid ones.
    for (let index = bodies.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [bodies[index], bodies[other]] = [bodies[other] as string, bodies[index] as string];
    }

    const sent = await sendAll(platform, runtime.queues.ingest?.url ?? '', bodies);
    expect(sent).toHaveLength(TOTAL);

    const dlqUrl = runtime.queues.ingest?.dlqUrl ?? '';
    await waitFor(
      'the ingest queue to drain and the malformed messages to reach the DLQ',
      async () => {
        const [ingest, dlq] = await Promise.all([
          queueDepth(platform, runtime.queues.ingest?.url ?? ''),
          queueDepth(platform, dlqUrl),
        ]);
        return ingest === 0 && dlq === MALFORMED ? true : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );

    // Every valid submission has exactly one verdict, as the API shows it.
    for (const submission of valid) {
      const response = await fetch(
        `${runtime.endpoints.api}/v1/verdicts/${submission.tenant}/${submission.contentId}`,
        { headers: { authorization: `Bearer ${runtime.tokens.admin}` } },
      );
      expect(response.status, submission.contentId).toBe(200);
      const { latest, history } = (await response.json()) as { latest: Verdict; history: Verdict[] };
      expect(history, submission.contentId).toHaveLength(1);
      expect(latest).toMatchObject({
        contentId: submission.contentId,
        version: submission.version,
        kind: submission.kind,
      });
    }

    // One event per verdict in the outbox, and each reached the platform's webhook.
    const expectedEventIds = new Set(
      valid.map((submission) => `${submission.tenant}:${submission.contentId}:1:auto`),
    );
    const events = await allEvents(runtime.endpoints.api);
    expect(events.map((event) => event.eventId).sort()).toEqual([...expectedEventIds].sort());
    await waitFor('every event at the webhook', () =>
      new Set(receiver.accepted).size === expectedEventIds.size ? true : undefined,
    );
    expect(new Set(receiver.accepted)).toEqual(expectedEventIds);

    // The DLQ holds exactly the malformed messages, and each one's reason names the field.
    const dead = await drain(platform, dlqUrl);
    const malformedBodies = new Set(malformed.map(({ body }) => body));
    const malformedSent = sent.filter(({ body }) => malformedBodies.has(body));
    expect(dead.map(({ messageId }) => messageId).sort()).toEqual(
      malformedSent.map(({ messageId }) => messageId).sort(),
    );
    const rejections = rejectionLog(runtime);
    for (const { messageId, body } of dead) {
      const rejection = await rejections.get(messageId);
      const field = malformed.find((candidate) => candidate.body === body)?.field;
      expect(rejection?.reason, body).toBeTruthy();
      expect(
        rejection?.issues.map((issue) => issue.path),
        body,
      ).toContain(field);
    }
  }, 240_000);
});

async function sendAll(client: SQSClient, queueUrl: string, bodies: string[]): Promise<Sent[]> {
  const batches: string[][] = [];
  for (let start = 0; start < bodies.length; start += 10) batches.push(bodies.slice(start, start + 10));
  const sent: Sent[] = [];
  // A few senders at once, as a platform's web servers would post.
  const senders = Array.from({ length: 4 }, async () => {
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      const entries = batch.map((body, index) => ({ Id: String(index), MessageBody: body }));
      const { Successful = [], Failed = [] } = await client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
      expect(Failed).toEqual([]);
      for (const entry of Successful)
        sent.push({ messageId: entry.MessageId ?? '', body: batch[Number(entry.Id)] ?? '' });
    }
  });
  await Promise.all(senders);
  return sent;
}

async function queueDepth(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

async function drain(client: SQSClient, queueUrl: string): Promise<Sent[]> {
  const received: Sent[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
    );
    if (Messages.length === 0) return received;
    received.push(
      ...Messages.map((message) => ({ messageId: message.MessageId ?? '', body: message.Body ?? '' })),
    );
  }
}

async function allEvents(api: string): Promise<VerdictEvent[]> {
  const events: VerdictEvent[] = [];
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${api}/v1/events?after=${cursor}&limit=500`);
    const page = (await response.json()) as { events: VerdictEvent[]; nextCursor: string };
    if (page.events.length === 0) return events;
    events.push(...page.events);
    cursor = page.nextCursor;
  }
}

function rejectionLog(runtime: DevRuntime): DynamoDbRejectionLog {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.endpoints.dynamodb,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return new DynamoDbRejectionLog(documents, localTableName(RejectionsTable), new SystemClock());
}

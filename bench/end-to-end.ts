import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import type { VerdictEvent } from '#schemas/event';
import type { ContentKind } from '#schemas/submission';
import type { BenchSection, Figures } from './section.ts';

const THROUGHPUT_ITEMS = 2_000;
const WARMUP_ITEMS = 50;
const LATENCY_SAMPLES = 100;
const LATENCY_RATE_PER_SEC = 10;
const KINDS: readonly ContentKind[] = ['listing', 'message', 'profile', 'comment', 'job', 'review'];

/**
 * `patrol dev` started in process with its default settings: `itemsPerSec` from SendMessage to
 * stored verdicts, and `latencyMs` p50/p95 from one item's send to its stored verdict. The queue's
 * one-second batching window (as on Lambda) sets a floor under the latency of a lone item.
 */
export const endToEnd: BenchSection = {
  name: 'endToEnd',
  run: measureEndToEnd,
  baselines: {
    'latencyMs.p95': {
      value: 5_000,
      higherIsBetter: false,
      note: 'target: a platform hears back within seconds',
    },
  },
};

async function measureEndToEnd(progress: (message: string) => void): Promise<Figures> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const runtime = await startDevRuntime({ port: 0, sqsPort: 0 });
  const platform = new SQSClient({
    endpoint: runtime.endpoints.sqs,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    const queueUrl = runtime.queues.ingest?.url ?? '';
    progress(`endToEnd: warming up with ${WARMUP_ITEMS} items`);
    await sendBatches(platform, queueUrl, 'warmup', WARMUP_ITEMS);
    await untilDecided(runtime, WARMUP_ITEMS);

    progress(`endToEnd: ${THROUGHPUT_ITEMS} items through the SQS endpoint`);
    const started = performance.now();
    await sendBatches(platform, queueUrl, 'throughput', THROUGHPUT_ITEMS);
    await untilDecided(runtime, WARMUP_ITEMS + THROUGHPUT_ITEMS);
    const itemsPerSec = THROUGHPUT_ITEMS / ((performance.now() - started) / 1_000);

    progress(`endToEnd: latency of ${LATENCY_SAMPLES} items sent ${LATENCY_RATE_PER_SEC} a second`);
    const latencies = await measureLatencies(platform, queueUrl, runtime.endpoints.api);
    return {
      itemsPerSec: Math.round(itemsPerSec),
      latencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) },
      items: THROUGHPUT_ITEMS,
      latencySamples: latencies.length,
    };
  } finally {
    platform.destroy();
    await runtime.stop();
  }
}

function submission(run: string, index: number): string {
  const kind = KINDS[index % KINDS.length] as ContentKind;
  const japanese = index % 2 === 0;
  const kindFields: Record<ContentKind, Record<string, unknown>> = {
    listing: {
      title: japanese ? 'ニンテンドースイッチ 有機EL ホワイト' : 'Canon AE-1 with 50mm lens',
      price: { amount: 28_000, currency: 'JPY' },
    },
    message: { threadId: `thread-${index}`, recipientId: 'user-2' },
    profile: { title: japanese ? 'さくら' : 'Sam' },
    comment: { parentId: `post-${index}` },
    job: { title: japanese ? 'ロゴデザインの依頼' : 'Logo design for a cafe' },
    review: { targetId: 'user-2', rating: 5 },
    report: {},
  };
  return JSON.stringify({
    schemaVersion: 1,
    tenant: 'bench-market',
    contentId: `${run}-${index}`,
    version: 1,
    kind,
    author: { userId: `user-${index % 500}`, signals: { email: `member${index % 500}@example.jp` } },
    locale: japanese ? 'ja' : 'en',
    body: japanese
      ? '半年ほど使用しました。目立つ傷はありません。週末に発送できます。よろしくお願いします。'
      : 'Fully working, light meter tested last month. Minor wear on the top plate. Ships in two days.',
    ...kindFields[kind],
    postedAt: new Date().toISOString(),
  });
}

async function sendBatches(client: SQSClient, queueUrl: string, run: string, count: number): Promise<void> {
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const first = next;
      next = Math.min(count, next + 10);
      const entries = Array.from({ length: next - first }, (_, offset) => ({
        Id: String(offset),
        MessageBody: submission(run, first + offset),
      }));
      await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
}

async function untilDecided(runtime: DevRuntime, count: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { allow, review, block } = runtime.progress().verdicts;
    if (allow + review + block >= count) return;
    if (Date.now() > deadline)
      throw new Error(`only ${allow + review + block} of ${count} items were decided`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Sends items one by one at a steady rate and times each until its verdict is stored, as seen by
 * one reader following `GET /v1/events` (the event is written right after the verdict).
 */
async function measureLatencies(client: SQSClient, queueUrl: string, api: string): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let cursor = await latestCursor(api);
  const sending = (async () => {
    for (let index = 0; index < LATENCY_SAMPLES; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 / LATENCY_RATE_PER_SEC));
      sentAt.set(`latency-${index}`, performance.now());
      await client.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: submission('latency', index) }),
      );
    }
  })();
  const deadline = Date.now() + 300_000;
  while (latencies.length < LATENCY_SAMPLES && Date.now() < deadline) {
    const page = await eventsAfter(api, cursor);
    const seenAt = performance.now();
    for (const event of page.events) {
      const sent = sentAt.get(event.contentId);
      if (sent !== undefined) latencies.push(seenAt - sent);
    }
    cursor = page.nextCursor;
    if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await sending;
  return latencies;
}

async function eventsAfter(
  api: string,
  cursor: string,
): Promise<{ events: VerdictEvent[]; nextCursor: string }> {
  const response = await fetch(`${api}/v1/events?after=${cursor}&limit=1000`);
  return (await response.json()) as { events: VerdictEvent[]; nextCursor: string };
}

async function latestCursor(api: string): Promise<string> {
  let cursor = '0';
  for (;;) {
    const page = await eventsAfter(api, cursor);
    if (page.events.length === 0) return cursor;
    cursor = page.nextCursor;
  }
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round(sorted[index] ?? Number.NaN);
}

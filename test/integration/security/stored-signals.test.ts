import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { NO_FAULTS } from '#local/faults/fault-plan';
import { runLoad } from '#local/load/load-run';
import type { ContentKind } from '#schemas/submission';
import { aSubmission } from '#test/helpers/submissions';

/** Fields holding the content itself, which may quote contact details: the rules look for exactly those. */
const CONTENT_FIELDS = new Set(['title', 'body', 'tags', 'note', 'statement', 'text']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/** A number with its country code, or a Japanese mobile number written the usual way. */
const PHONE = /\+\d{1,3}[\s-]?\d{1,4}[\s-]?\d{3,4}[\s-]?\d{3,4}|\b0[5789]0-?\d{4}-?\d{4}\b/;

/** Every string in an item, with the path of the attribute that holds it. */
function stringsOf(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((child) => stringsOf(child, path));
  if (value instanceof Set) return [...value].flatMap((child) => stringsOf(child, path));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, child]) => stringsOf(child, [...path, key]));
  return [];
}

describe('what Patrol stores', () => {
  let runtime: DevRuntime;
  let dynamo: DynamoDBClient;

  beforeAll(async () => {
    runtime = await startDevRuntime({
      port: 0,
      sqsPort: 0,
      visibilityTimeoutSeconds: 3,
      logLevel: 'SILENT',
      drainTimeoutMs: 0,
    });
    dynamo = new DynamoDBClient({
      endpoint: runtime.endpoints.dynamodb,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    dynamo?.destroy();
    await runtime?.stop();
  });

  it('holds no raw e-mail address or phone number of an author anywhere, after a load run', async () => {
    // Items of every kind whose authors carry a raw e-mail address and phone number, as platforms send them.
    const kinds: ContentKind[] = ['listing', 'message', 'profile', 'comment', 'job', 'review', 'report'];
    const platform = new SQSClient({
      endpoint: runtime.endpoints.sqs,
      region: 'ap-northeast-1',
      credentials: { accessKeyId: 'platform', secretAccessKey: 'platform' },
    });
    await platform.send(
      new SendMessageBatchCommand({
        QueueUrl: runtime.queues.ingest?.url ?? '',
        Entries: kinds.map((kind, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(aSubmission(kind, { contentId: `signals-${kind}` })),
        })),
      }),
    );
    platform.destroy();
    const report = await runLoad({
      ratePerSecond: 20,
      durationSeconds: 3,
      faults: NO_FAULTS,
      seed: 11,
      endpoint: runtime.endpoints.sqs,
      api: runtime.endpoints.api,
      dynamodb: runtime.endpoints.dynamodb,
      waitSeconds: 25,
    });
    expect(report).toMatchObject({ lost: 0, duplicates: 0 });

    const stored: { table: string; path: string[]; text: string }[] = [];
    const { TableNames = [] } = await dynamo.send(new ListTablesCommand({}));
    for (const table of TableNames) {
      let start: Record<string, never> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          stored.push(...stringsOf(unmarshall(item)).map((found) => ({ table, ...found })));
        }
        start = page.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start !== undefined);
    }
    expect(stored.length).toBeGreaterThan(1_000);

    const rawSignals = [
      /member\d+@example\.jp/i,
      /hanako\.yamada@example\.jp/i,
      /sam\.carter@example\.com/i,
      /90-?1234-?5678/,
    ];
    const leaks = stored.filter(({ text }) => rawSignals.some((signal) => signal.test(text)));
    expect(leaks.map(({ table, path }) => `${table} ${path.join('.')}`)).toEqual([]);

    const outsideContent = stored.filter(
      ({ path, text }) => (EMAIL.test(text) || PHONE.test(text)) && !CONTENT_FIELDS.has(path.at(-1) ?? ''),
    );
    expect(
      outsideContent.map(({ table, path, text }) => `${table} ${path.join('.')}: ${text.slice(0, 60)}`),
    ).toEqual([]);
  }, 120_000);
});

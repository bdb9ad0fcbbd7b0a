import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { CaseAuditTable, CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { verdictCaseId } from '#core/review/case-id';
import { type DevRuntime, startDevRuntime } from '#local/dev-runtime';
import { FakeTime } from '#test/helpers/fake-time';
import { platformSqsClient } from '#test/helpers/platform-queue';
import { PAYMENT_PACK } from '#test/helpers/rule-pack-files';
import { type RuntimeFolders, runtimeFolders } from '#test/helpers/runtime-folders';
import { aSubmission } from '#test/helpers/submissions';
import { waitFor } from '#test/helpers/wait-for';

const MINUTE = 60_000;

describe('patrol dev SLA timers', () => {
  let folders: RuntimeFolders;
  const time = new FakeTime('2026-11-20T01:00:00.000Z');
  const notices: string[] = [];
  let runtime: DevRuntime | undefined;

  beforeAll(async () => {
    folders = await runtimeFolders({ 'payments.yaml': PAYMENT_PACK });
  });

  afterAll(async () => {
    await runtime?.stop();
    await folders.remove();
  });

  function start(): Promise<DevRuntime> {
    return startDevRuntime({
      dataDir: folders.dataDir,
      port: 0,
      policiesDir: folders.policiesDir,
      clock: time,
      onNotice: (line) => notices.push(line),
      drainTimeoutMs: 5_000,
    });
  }

  /** Posts a listing the payment pack sends to review (payments: 24/7, P2 due in an hour) and waits for its case. */
  async function openCase(running: DevRuntime, contentId: string): Promise<string> {
    const sqs = platformSqsClient(running.endpoints.sqs);
    const listing = aSubmission('listing', { contentId, body: 'お支払いはPayPayでお願いします。' });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: running.queues.ingest?.url ?? '',
        MessageBody: JSON.stringify(listing),
      }),
    );
    sqs.destroy();
    const client = new DynamoDBClient({
      endpoint: running.endpoints.dynamodb,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const cases = new DynamoDbCaseStore(DynamoDBDocumentClient.from(client), {
      cases: localTableName(CasesTable),
      audit: localTableName(CaseAuditTable),
    });
    const caseId = verdictCaseId('acme-market', contentId, 1);
    try {
      await waitFor('the review case', () => cases.get('acme-market', caseId));
    } finally {
      client.destroy();
    }
    return caseId;
  }

  function noticesFor(caseId: string): string[] {
    return notices.filter((line) => line.includes(caseId)).map((line) => line.slice(0, line.indexOf(':')));
  }

  it('warns once and breaches exactly once on a fast clock, escalating the undecided case', async () => {
    runtime = await start();
    const caseId = await openCase(runtime, 'listing-timers-1');

    time.advance(46 * MINUTE);
    await waitFor('the warning', () => (noticesFor(caseId).length === 1 ? true : undefined));
    time.advance(15 * MINUTE);
    await waitFor('the breach', () => (noticesFor(caseId).length === 2 ? true : undefined));
    // Several more polls and a sweep's worth of time: nothing fires again.
    time.advance(2 * 60 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(noticesFor(caseId)).toEqual(['sla.warning', 'sla.breached']);
    expect(notices.find((line) => line.includes(caseId) && line.startsWith('sla.breached'))).toMatch(
      /in escalations \(P1\).*escalated/,
    );
  });

  it('fires the pending timers of open cases after patrol dev restarts', async () => {
    runtime ??= await start();
    const caseId = await openCase(runtime, 'listing-timers-2');
    await runtime.stop();
    runtime = undefined;

    time.advance(61 * MINUTE);
    runtime = await start();

    // Both timers fell due while it was down; after the restart they fire in either order, once each.
    await waitFor('the warning and the breach after the restart', () =>
      noticesFor(caseId).length >= 2 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(noticesFor(caseId).sort()).toEqual(['sla.breached', 'sla.warning']);
  });
});

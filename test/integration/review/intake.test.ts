import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { DynamoDbReporterMutes } from '#adapters/dynamodb/dynamodb-reporter-mutes';
import { CasesTable, localTableName } from '#adapters/dynamodb/table-definitions';
import { verdictCaseId } from '#core/review/case-id';
import { type IntakeDependencies, intakeReviewRequest } from '#core/review/intake-review-request';
import { createReviewIntakeHandler } from '#handlers/sqs-intake-review-case';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { ReviewRequest } from '#schemas/review-request';
import { FakeTime } from '#test/helpers/fake-time';
import { aPolicySource, caseStoreOn, RecordingTimers } from '#test/helpers/review-store';
import { anSqsEvent } from '#test/helpers/sqs-events';
import { aVerdict } from '#test/helpers/verdicts';

function aVerdictRequest(contentId: string): ReviewRequest {
  return {
    type: 'verdict',
    verdict: aVerdict({ contentId, review: { queue: 'payments', priority: 'P2' } }),
    snapshot: {
      kind: 'listing',
      version: 1,
      title: 'iPhone 15 Pro',
      body: 'Pay by bank transfer to get 20% off.',
    },
    author: { userId: 'user-40961' },
  };
}

function aReport(
  contentId: string,
  reporterId: string,
  reportId = `report-${reporterId}-${contentId}`,
): ReviewRequest {
  return {
    type: 'report',
    tenant: 'acme-market',
    subject: { type: 'content', contentId },
    report: {
      reportId,
      reporterId,
      reasonCode: 'scam',
      reportedAt: '2026-11-20T01:00:00.000Z',
      note: 'Asks for a transfer.',
    },
  };
}

describe('review intake', () => {
  let dynamo: DynamoDbLocal;
  let cases: DynamoDbCaseStore;
  let dependencies: IntakeDependencies;
  let timers: RecordingTimers;
  let mutes: DynamoDbReporterMutes;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    cases = caseStoreOn(dynamo);
    timers = new RecordingTimers();
    mutes = new DynamoDbReporterMutes(dynamo.documentClient, localTableName(CasesTable));
    dependencies = {
      cases,
      policies: aPolicySource(),
      mutes,
      timers,
      clock: new FakeTime('2026-11-20T01:00:00.000Z'),
    };
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  it('opens one case per borderline content version, in the queue the rule named, with its timers armed', async () => {
    const first = await intakeReviewRequest(aVerdictRequest('listing-100'), dependencies);
    const again = await intakeReviewRequest(aVerdictRequest('listing-100'), dependencies);

    expect(first).toMatchObject({
      outcome: 'opened',
      reviewCase: {
        caseId: verdictCaseId('acme-market', 'listing-100', 1),
        queue: 'payments',
        priority: 'P2',
        status: 'open',
        dueAt: '2026-11-20T02:00:00.000Z',
        snapshot: { title: 'iPhone 15 Pro' },
      },
    });
    expect(again.outcome).toBe('already-open');
    const caseId = verdictCaseId('acme-market', 'listing-100', 1);
    expect([...timers.armed.keys()]).toEqual(
      expect.arrayContaining([`${caseId}-warning-1`, `${caseId}-breach-1`]),
    );
    expect(await cases.audit('acme-market', caseId)).toHaveLength(1);
  });

  it('merges reports on the same content into its open case, counting reporters once per report', async () => {
    await intakeReviewRequest(aVerdictRequest('listing-200'), dependencies);
    await intakeReviewRequest(aReport('listing-200', 'user-1'), dependencies);
    await intakeReviewRequest(aReport('listing-200', 'user-1'), dependencies);
    const merged = await intakeReviewRequest(aReport('listing-200', 'user-2'), dependencies);

    expect(merged).toMatchObject({
      outcome: 'merged',
      reviewCase: {
        caseId: verdictCaseId('acme-market', 'listing-200', 1),
        reportCount: 2,
        reporters: ['user-1', 'user-2'],
      },
    });
  });

  it('opens one report case for concurrent reports of unreviewed content and raises it at three reporters', async () => {
    const results = await Promise.all(
      ['user-11', 'user-12', 'user-13'].map((reporter) =>
        intakeReviewRequest(aReport('listing-300', reporter), dependencies),
      ),
    );

    const caseIds = new Set(
      results.map((result) => (result.outcome === 'muted' ? '' : result.reviewCase.caseId)),
    );
    expect(caseIds.size).toBe(1);
    const [caseId] = [...caseIds];
    const stored = await cases.get('acme-market', caseId as string);
    // Reports routed by reason code: `scam` goes to scams; P3 rises to P2 at the third reporter.
    expect(stored).toMatchObject({ source: 'report', queue: 'scams', reportCount: 3, priority: 'P2' });
    expect(stored?.reporters.sort()).toEqual(['user-11', 'user-12', 'user-13']);
  });

  it('records a muted reporter’s report without queueing it', async () => {
    await mutes.mute('acme-market', 'user-troll', 'lead-mina', new Date('2026-11-20T00:00:00.000Z'));

    const result = await intakeReviewRequest(aReport('listing-400', 'user-troll'), dependencies);

    expect(result).toEqual({ outcome: 'muted' });
    expect(
      await cases.subjectCase('acme-market', { type: 'content', contentId: 'listing-400' }),
    ).toBeUndefined();
    expect(await cases.reports('acme-market', { type: 'content', contentId: 'listing-400' })).toMatchObject([
      { reporterId: 'user-troll', muted: true },
    ]);
  });

  it('answers a batch with the records to retry, so a malformed one never holds back the others', async () => {
    const handler = createReviewIntakeHandler(dependencies);
    const event = anSqsEvent([JSON.stringify(aVerdictRequest('listing-500')), '{"type":"verdict"}']);

    const response = await handler(event);

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      event.Records[1]?.messageId,
    ]);
    expect(await cases.get('acme-market', verdictCaseId('acme-market', 'listing-500', 1))).toBeDefined();
  });
});

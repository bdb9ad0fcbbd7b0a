import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { DynamoDbIdempotencyStore } from '#adapters/dynamodb/dynamodb-idempotency-store';
import { DynamoDbOffenderStore } from '#adapters/dynamodb/dynamodb-offender-store';
import { DynamoDbVerdictStore } from '#adapters/dynamodb/dynamodb-verdict-store';
import {
  CasesTable,
  localTableName,
  OffendersTable,
  VerdictsTable,
} from '#adapters/dynamodb/table-definitions';
import { FileOffenderPolicySource } from '#adapters/files/file-offender-policy-source';
import { claimCase } from '#core/review/claim-case';
import { DEFAULT_LEASE_MS } from '#core/review/claims';
import { type DecisionDependencies, decideCase, decideCases } from '#core/review/decide-case';
import {
  AuditUnavailableError,
  CaseClosedError,
  IdempotencyKeyReusedError,
  OwnAppealError,
  StaleClaimError,
} from '#core/review/errors';
import { intakeReviewRequest } from '#core/review/intake-review-request';
import { submitAppeal } from '#core/review/submit-appeal';
import { viewCase } from '#core/review/view-case';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { Principal } from '#schemas/principal';
import type { ReviewCase } from '#schemas/review-case';
import { offenderStrikeLedger } from '#shared/offender-strike-ledger';
import { FakeTime } from '#test/helpers/fake-time';
import { aPolicySource, caseStoreOn, RecordingTimers } from '#test/helpers/review-store';
import { aVerdict } from '#test/helpers/verdicts';

const moderator = (userId: string): Principal => ({ userId, tenant: 'acme-market', role: 'moderator' });
const lead: Principal = { userId: 'lead-mina', tenant: 'acme-market', role: 'lead' };

describe('deciding cases', () => {
  let dynamo: DynamoDbLocal;
  let cases: DynamoDbCaseStore;
  let verdicts: DynamoDbVerdictStore;
  let timers: RecordingTimers;
  let offenders: DynamoDbOffenderStore;
  let dependencies: DecisionDependencies;
  const time = new FakeTime('2026-11-20T01:00:00.000Z');
  let sequence = 0;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    cases = caseStoreOn(dynamo);
    verdicts = new DynamoDbVerdictStore(dynamo.documentClient, localTableName(VerdictsTable));
    timers = new RecordingTimers();
    offenders = new DynamoDbOffenderStore(dynamo.documentClient, localTableName(OffendersTable));
    dependencies = {
      cases,
      policies: aPolicySource(),
      verdicts,
      timers,
      strikes: offenderStrikeLedger({
        store: offenders,
        policies: new FileOffenderPolicySource(
          fileURLToPath(new URL('../../../policies/tenants', import.meta.url)),
        ),
        clock: time,
      }),
      idempotency: new DynamoDbIdempotencyStore(dynamo.documentClient, localTableName(CasesTable)),
      clock: time,
    };
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  /** A borderline listing in the payments queue: its auto verdict stored, its case open. */
  async function aPaymentsCase(): Promise<ReviewCase> {
    sequence += 1;
    const verdict = aVerdict({
      contentId: `listing-decide-${sequence}`,
      decidedAt: time.now().toISOString(),
      review: { queue: 'payments', priority: 'P2' },
    });
    await verdicts.record(verdict);
    const result = await intakeReviewRequest(
      {
        type: 'verdict',
        verdict,
        snapshot: { kind: 'listing', version: 1, body: 'PayPayでお願いします' },
        author: { userId: 'user-31337' },
      },
      { ...dependencies, mutes: { mute: async () => {}, isMuted: async () => false } },
    );
    if (result.outcome === 'muted') throw new Error('unexpected');
    return result.reviewCase;
  }

  it('removes content: the moderator’s block verdict, a strike, timers gone and the audit before and after', async () => {
    const opened = await aPaymentsCase();
    const claimed = await claimCase(moderator('mod-sam'), opened.caseId, dependencies);
    time.advance(60_000);

    const { reviewCase, verdict } = await decideCase(
      moderator('mod-sam'),
      opened.caseId,
      {
        action: 'remove',
        reasonCode: 'guidelines 3.3',
        note: 'asks for PayPay',
        claimVersion: claimed.claim?.version,
      },
      dependencies,
    );

    expect(reviewCase).toMatchObject({
      status: 'decided',
      outcome: { action: 'remove', moderatorId: 'mod-sam' },
    });
    expect(verdict).toMatchObject({
      decision: 'block',
      decidedBy: { type: 'moderator', moderatorId: 'mod-sam' },
    });
    expect(
      (await verdicts.get('acme-market', opened.subject.type === 'content' ? opened.subject.contentId : ''))
        ?.latest,
    ).toMatchObject({ decision: 'block' });
    expect([...timers.armed.keys()].filter((name) => name.startsWith(opened.caseId))).toEqual([]);
    const contentId = opened.subject.type === 'content' ? opened.subject.contentId : '';
    const { strikes } = await offenders.readAuthor('acme-market', 'user-31337', 0);
    expect(strikes.filter((strike) => strike.contentId === contentId)).toEqual([
      expect.objectContaining({ decidedBy: { type: 'moderator', moderatorId: 'mod-sam' } }),
    ]);
    const decided = (await cases.audit('acme-market', opened.caseId)).at(-1);
    expect(decided).toMatchObject({
      kind: 'event',
      event: { type: 'case.decided', actor: { moderatorId: 'mod-sam' } },
      before: { status: 'claimed', claimedBy: 'mod-sam' },
      after: { status: 'decided' },
    });
  });

  it('refuses the decision of a holder whose expired lease passed to someone else', async () => {
    const opened = await aPaymentsCase();
    const stale = await claimCase(moderator('mod-aiko'), opened.caseId, dependencies);
    time.advance(DEFAULT_LEASE_MS + 1_000);
    await claimCase(moderator('mod-sam'), opened.caseId, dependencies);

    await expect(
      decideCase(
        moderator('mod-aiko'),
        opened.caseId,
        { action: 'approve', reasonCode: 'ok', claimVersion: stale.claim?.version },
        dependencies,
      ),
    ).rejects.toThrow(StaleClaimError);
    expect((await cases.get('acme-market', opened.caseId))?.status).toBe('claimed');
  });

  it('decides once for a retried click with the same Idempotency-Key, and refuses the key with another body', async () => {
    const opened = await aPaymentsCase();
    const claimed = await claimCase(moderator('mod-sam'), opened.caseId, dependencies);
    const decision = { action: 'approve' as const, reasonCode: 'ok', claimVersion: claimed.claim?.version };

    const first = await decideCase(
      moderator('mod-sam'),
      opened.caseId,
      decision,
      dependencies,
      `key-${opened.caseId}`,
    );
    const retried = await decideCase(
      moderator('mod-sam'),
      opened.caseId,
      decision,
      dependencies,
      `key-${opened.caseId}`,
    );

    expect(retried).toEqual(JSON.parse(JSON.stringify(first)));
    await expect(
      decideCase(
        moderator('mod-sam'),
        opened.caseId,
        { ...decision, action: 'remove' },
        dependencies,
        `key-${opened.caseId}`,
      ),
    ).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(
      decideCase(moderator('mod-sam'), opened.caseId, { ...decision, action: 'remove' }, dependencies),
    ).rejects.toThrow(CaseClosedError);
    const decisions = (await cases.audit('acme-market', opened.caseId)).filter(
      (entry) => entry.kind === 'event' && entry.event.type === 'case.decided',
    );
    expect(decisions).toHaveLength(1);
  });

  it('escalates to another queue with fresh timers and releases the claim', async () => {
    const opened = await aPaymentsCase();
    const claimed = await claimCase(moderator('mod-sam'), opened.caseId, dependencies);

    const { reviewCase } = await decideCase(
      moderator('mod-sam'),
      opened.caseId,
      {
        action: 'escalate',
        reasonCode: 'needs-lead',
        toQueue: 'escalations',
        claimVersion: claimed.claim?.version,
      },
      dependencies,
    );

    expect(reviewCase).toMatchObject({ queue: 'escalations', status: 'escalated', timerGeneration: 2 });
    expect(reviewCase.claim).toBeUndefined();
    expect([...timers.armed.keys()].filter((name) => name.startsWith(opened.caseId)).sort()).toEqual([
      `${opened.caseId}-breach-2`,
      `${opened.caseId}-warning-2`,
    ]);
  });

  it('overturns a removal on appeal: a new moderator allows the content and the strike is taken back', async () => {
    const opened = await aPaymentsCase();
    const claimed = await claimCase(moderator('mod-sam'), opened.caseId, dependencies);
    time.advance(60_000);
    await decideCase(
      moderator('mod-sam'),
      opened.caseId,
      { action: 'remove', reasonCode: '3.3', claimVersion: claimed.claim?.version },
      dependencies,
    );
    const contentId = opened.subject.type === 'content' ? opened.subject.contentId : '';
    time.advance(60_000);

    const { reviewCase: appeal } = await submitAppeal(
      lead,
      { contentId, statement: 'It was a joke.' },
      dependencies,
    );
    expect(appeal).toMatchObject({
      queue: 'appeals',
      appeal: { appealedDecision: 'block', appealedDecider: 'mod-sam' },
    });
    await expect(claimCase(moderator('mod-sam'), appeal.caseId, dependencies)).rejects.toThrow(
      OwnAppealError,
    );
    const appealClaim = await claimCase(moderator('mod-aiko'), appeal.caseId, dependencies);
    time.advance(60_000);
    const { reviewCase, verdict } = await decideCase(
      moderator('mod-aiko'),
      appeal.caseId,
      { action: 'approve', reasonCode: 'appeal-granted', claimVersion: appealClaim.claim?.version },
      dependencies,
    );

    expect(reviewCase.outcome?.appealOutcome).toBe('overturned');
    expect(verdict).toMatchObject({ decision: 'allow', decidedBy: { moderatorId: 'mod-aiko' } });
    expect((await verdicts.get('acme-market', contentId))?.latest.decision).toBe('allow');
    const { strikes } = await offenders.readAuthor('acme-market', 'user-31337', 0);
    const strike = strikes.find((candidate) => candidate.contentId === contentId);
    expect(strike?.removed).toMatchObject({ by: { type: 'moderator', moderatorId: 'mod-aiko' } });
  });

  it('decides a selection within one queue, refusing the case someone else holds and naming them', async () => {
    const free = await aPaymentsCase();
    const held = await aPaymentsCase();
    await claimCase(moderator('mod-aiko'), held.caseId, dependencies);

    const { results } = await decideCases(
      lead,
      { queue: 'payments', caseIds: [free.caseId, held.caseId], action: 'approve', reasonCode: 'bulk-ok' },
      dependencies,
    );

    expect(results).toEqual([
      expect.objectContaining({ caseId: free.caseId, status: 'decided' }),
      expect.objectContaining({ caseId: held.caseId, status: 'refused', holder: 'mod-aiko' }),
    ]);
  });

  it('audits who opened a case’s content before showing it, and shows nothing when the audit fails', async () => {
    const opened = await aPaymentsCase();

    const view = await viewCase(moderator('mod-sam'), opened.caseId, dependencies);
    expect(view.reviewCase.snapshot?.body).toBe('PayPayでお願いします');
    expect(
      (await cases.audit('acme-market', opened.caseId)).filter((entry) => entry.kind === 'view'),
    ).toEqual([expect.objectContaining({ viewerId: 'mod-sam' })]);

    const failingAudit = new Proxy(cases, {
      get(target, property) {
        if (property === 'recordView')
          return async () => {
            throw new Error('audit table unavailable');
          };
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(
      viewCase(moderator('mod-sam'), opened.caseId, { ...dependencies, cases: failingAudit }),
    ).rejects.toThrow(AuditUnavailableError);
  });
});

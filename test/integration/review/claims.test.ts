import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbCaseStore } from '#adapters/dynamodb/dynamodb-case-store';
import { claimCase, claimNextCase } from '#core/review/claim-case';
import { DEFAULT_LEASE_MS } from '#core/review/claims';
import { CaseHeldError, QueueForbiddenError, StaleClaimError } from '#core/review/errors';
import { renewLease } from '#core/review/lease-case';
import { type DynamoDbLocal, startDynamoDbLocal } from '#local/dynamodb-local';
import type { Principal } from '#schemas/principal';
import { FakeTime } from '#test/helpers/fake-time';
import { defaultReviewPolicy } from '#test/helpers/review-cases';
import { aPolicySource, caseStoreOn, openCaseIn } from '#test/helpers/review-store';

const MODERATORS = Array.from({ length: 20 }, (_, index) => `mod-${index + 1}`);
const basePolicy = defaultReviewPolicy();
const policy = {
  ...basePolicy,
  queues: basePolicy.queues.map((queue) =>
    queue.name === 'payments' ? { ...queue, moderators: [...queue.moderators, ...MODERATORS] } : queue,
  ),
};

function moderator(userId: string, tenant = 'acme-market'): Principal {
  return { userId, tenant, role: 'moderator' };
}

describe('claiming cases', () => {
  let dynamo: DynamoDbLocal;
  let cases: DynamoDbCaseStore;
  let sequence = 0;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    cases = caseStoreOn(dynamo);
  });

  afterAll(async () => {
    await dynamo.stop();
  });

  function newCaseId(): string {
    sequence += 1;
    return `c-claims-${sequence}`;
  }

  it('gives a case to exactly one of 20 moderators claiming at once; the 19 others hear who holds it', async () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const opened = await openCaseIn(cases, { caseId: newCaseId(), queue: 'payments' });
    const dependencies = { cases, policies: aPolicySource(policy), clock: time };

    const results = await Promise.allSettled(
      MODERATORS.map((userId) => claimCase(moderator(userId), opened.caseId, dependencies)),
    );

    const won = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(won).toHaveLength(1);
    const holder = (won[0] as PromiseFulfilledResult<{ claim?: { moderatorId: string } }>).value.claim
      ?.moderatorId;
    expect(refused).toHaveLength(19);
    for (const error of refused) {
      expect(error).toBeInstanceOf(CaseHeldError);
      expect((error as CaseHeldError).holder).toBe(holder);
    }
    const audit = await cases.audit('acme-market', opened.caseId);
    expect(
      audit.filter((entry) => entry.kind === 'event' && entry.event.type === 'case.claimed'),
    ).toHaveLength(1);
  });

  it('returns the case to the queue when the lease runs out, and fences off the old holder', async () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const opened = await openCaseIn(cases, { caseId: newCaseId(), queue: 'payments', priority: 'P1' });
    const dependencies = { cases, policies: aPolicySource(policy), clock: time };
    const first = await claimCase(moderator('mod-1'), opened.caseId, dependencies);
    expect(await cases.available('acme-market', 'payments', time.now(), 50)).not.toContainEqual(
      expect.objectContaining({ caseId: opened.caseId }),
    );

    time.advance(DEFAULT_LEASE_MS + 1_000);
    expect((await cases.available('acme-market', 'payments', time.now(), 50)).map((c) => c.caseId)).toContain(
      opened.caseId,
    );
    const second = await claimCase(moderator('mod-2'), opened.caseId, dependencies);

    expect(second.claim?.moderatorId).toBe('mod-2');
    await expect(
      renewLease(moderator('mod-1'), opened.caseId, first.claim?.version, dependencies),
    ).rejects.toThrow(StaleClaimError);
  });

  it('claims the most urgent waiting case first: priority, then the earliest dueAt, skipping held ones', async () => {
    const tenant = 'gig-board';
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const dependencies = { cases, policies: aPolicySource(policy), clock: time };
    await openCaseIn(cases, {
      tenant,
      caseId: 'c-next-p3',
      queue: 'payments',
      priority: 'P3',
      dueAt: '2026-11-20T02:00:00.000Z',
    });
    await openCaseIn(cases, {
      tenant,
      caseId: 'c-next-p2-late',
      queue: 'payments',
      priority: 'P2',
      dueAt: '2026-11-20T03:00:00.000Z',
    });
    await openCaseIn(cases, {
      tenant,
      caseId: 'c-next-p2-early',
      queue: 'payments',
      priority: 'P2',
      dueAt: '2026-11-20T02:30:00.000Z',
    });
    await openCaseIn(cases, { tenant, caseId: 'c-next-other-queue', queue: 'harassment', priority: 'P1' });

    const order: (string | undefined)[] = [];
    for (const userId of ['mod-1', 'mod-2', 'mod-3', 'mod-4']) {
      order.push((await claimNextCase(moderator(userId, tenant), dependencies, 'payments'))?.caseId);
    }

    expect(order).toEqual(['c-next-p2-early', 'c-next-p2-late', 'c-next-p3', undefined]);
  });

  it('hands a moderator only cases from the queues assigned to them', async () => {
    const tenant = 'town-forum';
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const dependencies = { cases, policies: aPolicySource(policy), clock: time };
    await openCaseIn(cases, { tenant, caseId: 'c-forum-harassment', queue: 'harassment', priority: 'P1' });

    // mod-ken works contact-exchange, scams, counterfeit, prohibited-items and user-reports, not harassment.
    expect(await claimNextCase(moderator('mod-ken', tenant), dependencies)).toBeUndefined();
    await expect(claimCase(moderator('mod-ken', tenant), 'c-forum-harassment', dependencies)).rejects.toThrow(
      QueueForbiddenError,
    );
    expect((await claimNextCase(moderator('mod-aiko', tenant), dependencies))?.caseId).toBe(
      'c-forum-harassment',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { currentStatus, isAvailable } from '#core/review/case-projection';
import { assertHolds, DEFAULT_LEASE_MS, planClaim, planRelease, planRenewal } from '#core/review/claims';
import {
  CaseClosedError,
  CaseHeldError,
  CaseNotClaimedError,
  OwnAppealError,
  StaleClaimError,
} from '#core/review/errors';
import { FakeTime } from '#test/helpers/fake-time';
import { anOpenCase, applyDraft } from '#test/helpers/review-cases';

describe('planClaim', () => {
  it('gives a waiting case to the first moderator under a ten-minute lease with a fencing version', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));

    expect(claimed.status).toBe('claimed');
    expect(claimed.claim).toEqual({
      moderatorId: 'mod-aiko',
      leaseExpiresAt: new Date(time.now().getTime() + DEFAULT_LEASE_MS).toISOString(),
      version: claimed.version,
      claimedAt: time.now().toISOString(),
    });
  });

  it('refuses a second moderator while the lease holds, naming the holder', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    time.advance(DEFAULT_LEASE_MS - 1);

    expect(() => planClaim(claimed, 'mod-ken', time.now())).toThrow(CaseHeldError);
    expect(() => planClaim(claimed, 'mod-ken', time.now())).toThrow(/claimed by mod-aiko/);
  });

  it('returns the case to the queue when the lease runs out, and lets another moderator take it over', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    time.advance(DEFAULT_LEASE_MS);

    expect(currentStatus(claimed, time.now())).toBe('open');
    expect(isAvailable(claimed, time.now())).toBe(true);
    const takeover = planClaim(claimed, 'mod-ken', time.now());
    expect(takeover).toMatchObject({ moderatorId: 'mod-ken', previousHolder: 'mod-aiko' });
    expect(applyDraft(claimed, takeover).claim?.moderatorId).toBe('mod-ken');
  });

  it('changes nothing when the holder claims again', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));

    expect(planClaim(claimed, 'mod-aiko', time.now())).toBeUndefined();
  });

  it('refuses a decided case', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const decided = applyDraft(anOpenCase(), {
      tenant: 'acme-market',
      caseId: 'c-listing-8431-v1',
      type: 'case.decided',
      at: time.now().toISOString(),
      actor: { type: 'moderator', moderatorId: 'mod-aiko' },
      outcome: {
        action: 'approve',
        moderatorId: 'mod-aiko',
        reasonCode: 'guidelines/3.1',
        decidedAt: time.now().toISOString(),
      },
    });

    expect(() => planClaim(decided, 'mod-ken', time.now())).toThrow(CaseClosedError);
  });

  it('refuses the moderator whose decision an appeal contests', () => {
    const appeal = anOpenCase({
      source: 'appeal',
      queue: 'appeals',
      appeal: { appealedDecision: 'block', appealedDecider: 'mod-aiko' },
    });

    expect(() => planClaim(appeal, 'mod-aiko', new Date('2026-11-20T01:05:00.000Z'))).toThrow(OwnAppealError);
  });
});

describe('assertHolds', () => {
  it('refuses the stale holder once the expired lease has passed to someone else (fencing)', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const first = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    const staleVersion = first.claim?.version as number;
    time.advance(DEFAULT_LEASE_MS + 1);
    const second = applyDraft(first, planClaim(first, 'mod-ken', time.now()));

    expect(() => assertHolds(second, 'mod-aiko', staleVersion)).toThrow(StaleClaimError);
    expect(() => assertHolds(second, 'mod-aiko', staleVersion)).toThrow(/mod-ken holds it/);
    expect(() => assertHolds(second, 'mod-ken', second.claim?.version)).not.toThrow();
  });

  it('accepts a holder whose lease ran out while nobody else claimed the case', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    time.advance(DEFAULT_LEASE_MS * 2);

    expect(() => assertHolds(claimed, 'mod-aiko', claimed.claim?.version)).not.toThrow();
  });

  it('asks for a claim when nobody holds the case', () => {
    expect(() => assertHolds(anOpenCase(), 'mod-aiko', undefined)).toThrow(CaseNotClaimedError);
  });

  it('refuses a claim version the holder never had', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));

    expect(() => assertHolds(claimed, 'mod-aiko', (claimed.claim?.version ?? 0) + 5)).toThrow(
      StaleClaimError,
    );
  });
});

describe('planRenewal', () => {
  it('extends the lease from now and keeps the fencing version', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    time.advance(9 * 60_000);
    const renewed = applyDraft(claimed, planRenewal(claimed, 'mod-aiko', claimed.claim?.version, time.now()));

    expect(renewed.claim?.leaseExpiresAt).toBe('2026-11-20T01:24:00.000Z');
    expect(renewed.claim?.version).toBe(claimed.claim?.version);
    time.advance(5 * 60_000);
    expect(() => planClaim(renewed, 'mod-ken', time.now())).toThrow(CaseHeldError);
  });

  it('refuses a moderator who does not hold the case, naming the holder', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));

    expect(() => planRenewal(claimed, 'mod-ken', undefined, time.now())).toThrow(/claimed by mod-aiko/);
  });
});

describe('planRelease', () => {
  it('hands the case back so the next moderator can claim it at once', () => {
    const time = new FakeTime('2026-11-20T01:05:00.000Z');
    const claimed = applyDraft(anOpenCase(), planClaim(anOpenCase(), 'mod-aiko', time.now()));
    const released = applyDraft(
      claimed,
      planRelease(claimed, 'mod-aiko', claimed.claim?.version, time.now()),
    );

    expect(released.status).toBe('open');
    expect(released.claim).toBeUndefined();
    expect(planClaim(released, 'mod-ken', time.now())).toMatchObject({ moderatorId: 'mod-ken' });
  });
});

import { describe, expect, it } from 'vitest';
import { planClaim } from '#core/review/claims';
import { dueTimes } from '#core/review/queue-policy';
import { nextTimerAt, pendingTimers, planTimerFire, timerName } from '#core/review/sla-timers';
import { anOpenCase, applyDraft, defaultReviewPolicy } from '#test/helpers/review-cases';

const policy = defaultReviewPolicy();

describe('dueTimes', () => {
  it('puts the warning at the queue share of the SLA and the breach at its end, in staffed time', () => {
    // contact-exchange runs on Tokyo 10:00-22:00; P1 is 15 minutes, the warning at 75%.
    const times = dueTimes(policy, 'contact-exchange', 'P1', new Date('2026-11-20T12:55:00.000Z'));

    expect(times).toEqual({ dueAt: '2026-11-21T01:10:00.000Z', warningAt: '2026-11-21T01:06:15.000Z' });
  });

  it('runs a 24/7 queue straight through the night', () => {
    expect(dueTimes(policy, 'payments', 'P2', new Date('2026-11-20T15:00:00.000Z')).dueAt).toBe(
      '2026-11-20T16:00:00.000Z',
    );
  });
});

describe('planTimerFire', () => {
  const opened = anOpenCase({ queue: 'payments', priority: 'P2' });
  const breachAt = new Date(opened.dueAt);

  it('arms a warning and a breach for an open case, and names each timer stably', () => {
    expect(pendingTimers(opened).map((timer) => [timer.kind, timer.fireAt])).toEqual([
      ['warning', opened.warningAt],
      ['breach', opened.dueAt],
    ]);
    expect(timerName({ caseId: opened.caseId, kind: 'breach', generation: 1 })).toBe(
      `${opened.caseId}-breach-1`,
    );
    expect(nextTimerAt(opened)).toBe(opened.warningAt);
  });

  it('warns once: a second firing of the warning does nothing', () => {
    const warned = applyDraft(
      opened,
      planTimerFire(opened, { kind: 'warning', generation: 1 }, new Date(opened.warningAt), policy),
    );

    expect(warned.warned).toBe(true);
    expect(planTimerFire(warned, { kind: 'warning', generation: 1 }, breachAt, policy)).toBeUndefined();
    expect(pendingTimers(warned).map((timer) => timer.kind)).toEqual(['breach']);
  });

  it('escalates on the first breach: priority up one step and into the escalation queue', () => {
    const breached = applyDraft(
      opened,
      planTimerFire(opened, { kind: 'breach', generation: 1 }, breachAt, policy),
    );

    expect(breached).toMatchObject({
      breached: true,
      priority: 'P1',
      queue: 'escalations',
      status: 'escalated',
    });
    expect(pendingTimers(breached)).toEqual([]);
    expect(planTimerFire(breached, { kind: 'breach', generation: 1 }, breachAt, policy)).toBeUndefined();
  });

  it('fires nothing early, for a decided case, or for a timer of an earlier arming', () => {
    expect(
      planTimerFire(opened, { kind: 'breach', generation: 1 }, new Date(breachAt.getTime() - 1), policy),
    ).toBeUndefined();
    expect(planTimerFire(opened, { kind: 'breach', generation: 0 }, breachAt, policy)).toBeUndefined();
    const decided = applyDraft(opened, {
      tenant: opened.tenant,
      caseId: opened.caseId,
      type: 'case.decided',
      at: opened.createdAt,
      actor: { type: 'moderator', moderatorId: 'mod-sam' },
      outcome: { action: 'approve', moderatorId: 'mod-sam', reasonCode: 'ok', decidedAt: opened.createdAt },
    });
    expect(planTimerFire(decided, { kind: 'breach', generation: 1 }, breachAt, policy)).toBeUndefined();
    expect(pendingTimers(decided)).toEqual([]);
  });

  it('keeps a claimed case with its holder when it breaches, but still escalates its priority', () => {
    const claimed = applyDraft(opened, planClaim(opened, 'mod-sam', new Date(opened.createdAt)));
    const breached = applyDraft(
      claimed,
      planTimerFire(claimed, { kind: 'breach', generation: 1 }, breachAt, policy),
    );

    expect(breached).toMatchObject({ status: 'claimed', priority: 'P1', claim: { moderatorId: 'mod-sam' } });
  });

  it('escalates once only: after a hand-off re-arms the timers, the next breach only reports', () => {
    const breached = applyDraft(
      opened,
      planTimerFire(opened, { kind: 'breach', generation: 1 }, breachAt, policy),
    );
    const handedOff = applyDraft(breached, {
      tenant: opened.tenant,
      caseId: opened.caseId,
      type: 'case.escalated',
      at: breachAt.toISOString(),
      actor: { type: 'moderator', moderatorId: 'lead-mina' },
      toQueue: 'payments',
      reasonCode: 'needs-specialist',
      ...dueTimes(policy, 'payments', 'P1', breachAt),
    });
    const second = planTimerFire(
      handedOff,
      { kind: 'breach', generation: 2 },
      new Date(handedOff.dueAt),
      policy,
    );

    expect(second).toMatchObject({ type: 'case.breached' });
    expect(second).not.toHaveProperty('escalation');
  });
});

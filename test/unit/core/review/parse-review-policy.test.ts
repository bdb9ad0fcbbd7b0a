import { describe, expect, it } from 'vitest';
import { InvalidReviewPolicyError } from '#core/review/errors';
import { parseReviewPolicy } from '#core/review/parse-review-policy';
import { casePriority, routeCase } from '#core/review/queue-policy';
import { defaultReviewPolicy } from '#test/helpers/review-cases';

const minimal = `
tenant: acme-market
queues:
  - name: general
    sla: { P1: 15m, P2: 1h, P3: 24h, P4: 72h }
defaultQueue: general
`;

describe('parseReviewPolicy', () => {
  it('reads the default policy with every queue the rule packs route to', () => {
    const policy = defaultReviewPolicy();

    expect(policy.queues.map((queue) => queue.name)).toEqual(
      expect.arrayContaining(['contact-exchange', 'payments', 'scams', 'appeals', 'escalations']),
    );
  });

  it('fills in a 24/7 calendar and a warning at three quarters of the SLA', () => {
    const [queue] = parseReviewPolicy(minimal, 'minimal.yaml').queues;

    expect(queue).toMatchObject({ calendar: '24/7', warnAt: 0.75, moderators: [] });
  });

  it('names the field of a bad duration, an unknown calendar and an unknown time zone', () => {
    const bad = `
tenant: acme-market
calendars:
  mars: { timeZone: Mars/Olympus_Mons, windows: [{ days: [mon], from: "09:00", to: "17:00" }] }
queues:
  - name: general
    sla: { P1: 15 minutes, P2: 1h, P3: 24h, P4: 72h }
defaultQueue: general
`;
    expect(() => parseReviewPolicy(bad, 'bad.yaml')).toThrow(/calendars\.mars\.timeZone/);
    expect(() => parseReviewPolicy(bad, 'bad.yaml')).toThrow(/queues\.0\.sla\.P1: expected a duration/);
  });

  it('refuses names that point nowhere: calendar, escalation queue, route and default queue', () => {
    const dangling = `
tenant: acme-market
queues:
  - { name: general, sla: { P1: 15m, P2: 1h, P3: 24h, P4: 72h }, calendar: tokyo, escalateTo: leads }
routes:
  - { when: { source: [appeal] }, queue: appeals }
defaultQueue: elsewhere
`;
    let error: unknown;
    try {
      parseReviewPolicy(dangling, 'dangling.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidReviewPolicyError);
    expect((error as InvalidReviewPolicyError).issues.map((issue) => issue.path)).toEqual([
      'queues.0.calendar',
      'queues.0.escalateTo',
      'routes.0.queue',
      'defaultQueue',
    ]);
  });
});

describe('routeCase', () => {
  const policy = defaultReviewPolicy();

  it('sends appeals to the appeals queue before anything else', () => {
    expect(routeCase(policy, { source: 'appeal', ruleQueue: 'payments' })).toBe('appeals');
  });

  it('routes a report by its reason code, first match winning', () => {
    expect(routeCase(policy, { source: 'report', reasonCode: 'scam' })).toBe('scams');
    expect(routeCase(policy, { source: 'report', reasonCode: 'spam' })).toBe('user-reports');
  });

  it('keeps the queue the rules named for a verdict, and falls back to the default for an unknown one', () => {
    expect(routeCase(policy, { source: 'verdict', ruleQueue: 'payments' })).toBe('payments');
    expect(routeCase(policy, { source: 'verdict', ruleQueue: 'no-such-queue' })).toBe('user-reports');
  });
});

describe('casePriority', () => {
  const policy = defaultReviewPolicy();

  it('raises the priority one step at 3 reporters and another at 10', () => {
    expect(casePriority(policy, { rulePriority: 'P3', reporters: 2 })).toBe('P3');
    expect(casePriority(policy, { rulePriority: 'P3', reporters: 3 })).toBe('P2');
    expect(casePriority(policy, { rulePriority: 'P3', reporters: 10 })).toBe('P1');
  });

  it('makes critical severity P1 whatever the rule asked for', () => {
    expect(casePriority(policy, { rulePriority: 'P4', severity: 'critical', reporters: 0 })).toBe('P1');
  });
});

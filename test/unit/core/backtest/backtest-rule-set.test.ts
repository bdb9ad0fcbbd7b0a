import { describe, expect, it } from 'vitest';
import { type BacktestItem, backtestRuleSet } from '#core/backtest/backtest-rule-set';
import { aRule, ruleSetOf } from '#test/helpers/rule-packs';

const now = new Date('2026-01-01T00:00:00Z');
const item = (contentId: string, body: string, moderatorAction?: 'approve' | 'remove'): BacktestItem => ({
  contentId,
  item: { kind: 'listing', locale: 'en', body },
  ...(moderatorAction === undefined ? {} : { moderatorAction }),
});

describe('backtestRuleSet', () => {
  const wire = aRule({ phrase: 'wire transfer' }, { id: 'pay.wire' });
  const cash = aRule({ phrase: 'cash only' }, { id: 'pay.cash' });
  const items = [
    item('a', 'pay by wire transfer please', 'remove'),
    item('b', 'cash only, no wire transfer', 'remove'),
    item('c', 'cash only at pickup', 'approve'),
    item('d', 'cash only, local', 'approve'),
    item('e', 'cash only please', 'approve'),
    item('f', 'lovely chair'),
  ];

  it('counts new hits and changed decisions when the candidate adds a rule', () => {
    const report = backtestRuleSet(items, ruleSetOf(wire), ruleSetOf(wire, cash), now);
    expect(report.items).toBe(6);
    expect(report.decidedByModerators).toBe(5);
    expect(report.changes).toEqual({ 'allow→review': 3 });
    expect(report.examples.map((example) => example.contentId)).toEqual(['c', 'd', 'e']);
    expect(report.rules.find((rule) => rule.ruleId === 'pay.cash')).toMatchObject({
      hits: 4,
      liveHits: 0,
      newHits: 4,
    });
  });

  it('measures precision and recall against moderators and flags a rule whose precision falls', () => {
    const report = backtestRuleSet(items, ruleSetOf(wire), ruleSetOf(wire, cash), now);
    const cashRule = report.rules.find((rule) => rule.ruleId === 'pay.cash');
    expect(cashRule).toMatchObject({ truePositives: 1, falsePositives: 3, precision: 0.25, recall: 0.5 });
    expect(cashRule?.precisionFalls).toBe(true);
    expect(report.rules.find((rule) => rule.ruleId === 'pay.wire')).toMatchObject({
      precision: 1,
      recall: 1,
    });
  });

  it('reports lost hits when the candidate drops a rule', () => {
    const report = backtestRuleSet(items, ruleSetOf(wire, cash), ruleSetOf(wire), now);
    expect(report.rules.find((rule) => rule.ruleId === 'pay.cash')).toMatchObject({ hits: 0, lostHits: 4 });
    expect(report.changes).toEqual({ 'review→allow': 3 });
  });

  it('counts shadow hits without changing decisions when the new rule is shadow', () => {
    const shadowCash = { ...cash, status: 'shadow' as const };
    const report = backtestRuleSet(items, ruleSetOf(wire), ruleSetOf(wire, shadowCash), now);
    expect(report.changed).toBe(0);
    expect(report.rules.find((rule) => rule.ruleId === 'pay.cash')).toMatchObject({
      status: 'shadow',
      hits: 4,
    });
  });
});

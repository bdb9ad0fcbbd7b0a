import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '#core/rules/compile';
import { type EvaluableItem, evaluate } from '#core/rules/evaluate';
import type { Rule } from '#schemas/rule';
import type { Decision, Evaluation } from '#schemas/verdict';
import { aRuleArbitrary, evaluableItem, ruleCondition, ruleList } from '#test/helpers/rule-arbitraries';
import { aPack } from '#test/helpers/rule-packs';

const NOW = new Date('2026-03-01T12:00:00Z');
const RANK: Record<Decision, number> = { allow: 0, review: 1, block: 2 };

function evaluateWith(rules: readonly Rule[], item: EvaluableItem): Evaluation {
  return evaluate(compileRuleSet([aPack([...rules])]), item, NOW);
}

function inserted(rules: readonly Rule[], rule: Rule, position: number): Rule[] {
  const at = position % (rules.length + 1);
  return [...rules.slice(0, at), rule, ...rules.slice(at)];
}

const liveRuleIds = (evaluation: Evaluation) => evaluation.reasons.map((reason) => reason.ruleId);

describe('evaluate', () => {
  it('blocks, and keeps every reason it had, when a block rule that matches the item is added', () => {
    const addedBlock = fc.record({
      when: ruleCondition,
      position: fc.nat(),
    });
    fc.assert(
      fc.property(ruleList, evaluableItem, addedBlock, (rules, item, { when, position }) => {
        const block: Rule = {
          id: 'added.block',
          description: 'the rule under test',
          clause: 'guidelines 0.1',
          status: 'live',
          severity: 'high',
          when,
          action: { type: 'block' },
        };
        fc.pre(evaluateWith([block], item).decision === 'block');
        const before = evaluateWith(rules, item);
        const after = evaluateWith(inserted(rules, block, position), item);
        expect(after.decision).toBe('block');
        expect(RANK[after.decision]).toBeGreaterThanOrEqual(RANK[before.decision]);
        expect(liveRuleIds(after)).toEqual(expect.arrayContaining(liveRuleIds(before)));
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the decision when any live rule is added', () => {
    fc.assert(
      fc.property(
        ruleList,
        evaluableItem,
        aRuleArbitrary(fc.constant('live')),
        fc.nat(),
        (rules, item, added, position) => {
          const before = evaluateWith(rules, item);
          const after = evaluateWith(inserted(rules, { id: 'added.live', ...added }, position), item);
          expect(RANK[after.decision]).toBeGreaterThanOrEqual(RANK[before.decision]);
          expect(liveRuleIds(after)).toEqual(expect.arrayContaining(liveRuleIds(before)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves the decision, reasons, labels and review queue unchanged when a shadow rule is added', () => {
    fc.assert(
      fc.property(
        ruleList,
        evaluableItem,
        aRuleArbitrary(fc.constant('shadow')),
        fc.nat(),
        (rules, item, added, position) => {
          const before = evaluateWith(rules, item);
          const after = evaluateWith(inserted(rules, { id: 'added.shadow', ...added }, position), item);
          expect(after.decision).toBe(before.decision);
          expect(after.reasons).toEqual(before.reasons);
          expect(after.labels).toEqual(before.labels);
          expect(after.review).toEqual(before.review);
          expect(after.shadowReasons.filter((reason) => reason.ruleId !== 'added.shadow')).toEqual(
            before.shadowReasons,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives spans that lie inside the field they name when generated rules match generated items', () => {
    fc.assert(
      fc.property(ruleList, evaluableItem, (rules, item) => {
        const evaluation = evaluateWith(rules, item);
        const lengths = {
          title: item.title?.length ?? 0,
          body: item.body?.length ?? 0,
          tags: (item.tags ?? []).join('\n').length,
        };
        for (const reason of [...evaluation.reasons, ...evaluation.shadowReasons]) {
          for (const span of reason.spans) {
            expect(span.start).toBeLessThan(span.end);
            expect(span.end).toBeLessThanOrEqual(lengths[span.field]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import type { EvaluableItem } from '#core/rules/evaluate';
import { type Action, type Condition, DetectorNames, type Rule, type RuleStatus } from '#schemas/rule';
import { ContentKinds, TextFieldNames } from '#schemas/submission';

/** Words rules look for and items contain, so generated rules often match generated items. */
export const RULE_WORDS = [
  'paypay',
  'cash',
  'line',
  'bank transfer',
  'gift card',
  'replica',
  '現金',
  'らいん',
  'スーパーコピー',
  '振込',
  'ペイペイ',
  'パパ活',
] as const;

const FILLER = [
  'the',
  'item',
  'ships',
  'today',
  '美品',
  '発送します',
  'です',
  'thanks',
  '090-1234-5678',
  'a@b.jp',
];

/** Text built from rule words and filler, some of it spelled the way evaders spell it. */
export const ruleText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...RULE_WORDS),
      fc.constantFrom(...FILLER),
      fc.constantFrom('P a y P a y', 'ｃａｓｈ', 'L.I.N.E', 'r3pl1ca', 'ﾗｲﾝ'),
    ),
    { maxLength: 12 },
  )
  .map((words) => words.join(' '));

const fields = fc.option(fc.subarray([...TextFieldNames], { minLength: 1 }), { nil: undefined });

const REGEXES = ['pay ?pay', '[0-9]{3}-[0-9]{4}', 'ba?nk', 'gift +card', 'らいん|ライン'] as const;

/** A predicate of every kind the rule language has. */
const predicate: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .record({ words: fc.subarray([...RULE_WORDS], { minLength: 1, maxLength: 3 }), in: fields })
    .map(({ words, in: where }) => ({ keywords: { words, ...(where ? { in: where } : {}) } })),
  fc.constantFrom(...RULE_WORDS).map((phrase) => ({ phrase })),
  fc
    .record({ pattern: fc.constantFrom(...REGEXES), caseInsensitive: fc.boolean() })
    .map((regex) => ({ regex })),
  fc.constantFrom(...DetectorNames).map((detector) => ({ detector })),
  fc
    .record({ path: fc.constantFrom('price.amount', 'rating'), below: fc.integer({ min: 0, max: 10_000 }) })
    .map(({ path, below }) => ({ field: { path, below } })),
  fc.boolean().map((present) => ({ field: { path: 'price', present } })),
);

/** A condition tree up to three levels deep over every predicate kind. */
export const ruleCondition: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicate,
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('condition').map((not) => ({ not })),
  ),
})).condition;

export const ruleAction: fc.Arbitrary<Action> = fc.oneof(
  fc.constant<Action>({ type: 'allow' }),
  fc.constant<Action>({ type: 'block' }),
  fc
    .record({
      queue: fc.constantFrom('payments', 'contact', 'scams'),
      priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
    })
    .map(({ queue, priority }): Action => ({ type: 'review', queue, priority: priority as 'P1' })),
  fc.constantFrom('payment-talk', 'contact').map((label): Action => ({ type: 'label', label })),
);

/** A rule with every optional part sometimes present; its id is set by the caller. */
export function aRuleArbitrary(
  status: fc.Arbitrary<RuleStatus> = fc.constantFrom('live', 'shadow', 'draft'),
) {
  return fc
    .record({
      status,
      severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
      kinds: fc.option(fc.subarray([...ContentKinds], { minLength: 1 }), { nil: undefined }),
      locales: fc.option(fc.constantFrom<string[]>(['ja'], ['en'], ['ja', 'en']), { nil: undefined }),
      when: ruleCondition,
      action: ruleAction,
    })
    .map(
      ({ kinds, locales, ...rest }): Omit<Rule, 'id'> => ({
        description: 'a generated rule',
        clause: 'guidelines 0.0',
        ...rest,
        severity: rest.severity as Rule['severity'],
        ...(kinds ? { kinds } : {}),
        ...(locales ? { locales } : {}),
      }),
    );
}

/** Rules with unique ids `gen.rule-<n>`. */
export const ruleList = fc
  .array(aRuleArbitrary(), { maxLength: 8 })
  .map((rules) => rules.map((rule, index): Rule => ({ id: `gen.rule-${index}`, ...rule })));

/** An item of any kind and locale whose text fields are built from rule words. */
export const evaluableItem: fc.Arbitrary<EvaluableItem> = fc
  .record({
    kind: fc.constantFrom(...ContentKinds),
    locale: fc.option(fc.constantFrom('ja', 'en', 'en-US', 'ja-JP'), { nil: undefined }),
    title: fc.option(ruleText, { nil: undefined }),
    body: fc.option(ruleText, { nil: undefined }),
    tags: fc.option(fc.array(ruleText, { maxLength: 3 }), { nil: undefined }),
    price: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  })
  .map(({ price, ...item }) => {
    const defined = Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
    return {
      ...defined,
      ...(price === undefined ? {} : { price: { amount: price, currency: 'JPY' } }),
    } as EvaluableItem;
  });

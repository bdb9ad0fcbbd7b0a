import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '#core/rules/compile';
import { type EvaluableItem, evaluate } from '#core/rules/evaluate';
import type { Condition } from '#schemas/rule';
import type { Evaluation } from '#schemas/verdict';
import { aPack, aRule, ruleSetOf } from '#test/helpers/rule-packs';

const NOW = new Date('2026-03-01T12:00:00Z');

function listing(body: string, extra: Partial<EvaluableItem> & Record<string, unknown> = {}): EvaluableItem {
  return { kind: 'listing', body, ...extra } as EvaluableItem;
}

function matchedIds(evaluation: Evaluation): string[] {
  return evaluation.reasons.map((reason) => reason.ruleId);
}

/** The original text each span of a reason covers. */
function spanTexts(evaluation: Evaluation, item: EvaluableItem, ruleId: string): string[] {
  const reason = [...evaluation.reasons, ...evaluation.shadowReasons].find(
    (candidate) => candidate.ruleId === ruleId,
  );
  const fields = { title: item.title ?? '', body: item.body ?? '', tags: (item.tags ?? []).join('\n') };
  return (reason?.spans ?? []).map((span) => fields[span.field].slice(span.start, span.end));
}

const cash: Condition = { keywords: { words: ['cash'] } };
const paypay: Condition = { keywords: { words: ['paypay'] } };

describe('evaluate', () => {
  it('allows an item with no reasons when no rule matches', () => {
    const ruleSet = ruleSetOf(aRule(cash));
    expect(evaluate(ruleSet, listing('a wool sweater, barely worn'), NOW)).toEqual({
      decision: 'allow',
      reasons: [],
      shadowReasons: [],
      labels: [],
    });
  });

  it('blocks when a block rule and a review rule both match', () => {
    const review = aRule(cash, { id: 'pay.review' });
    const block = aRule(paypay, { id: 'pay.block', action: { type: 'block' } });
    const evaluation = evaluate(ruleSetOf(review, block), listing('cash or paypay only'), NOW);
    expect(evaluation.decision).toBe('block');
    expect(matchedIds(evaluation)).toEqual(['pay.review', 'pay.block']);
    expect(evaluation.review).toBeUndefined();
  });

  it('routes to the most urgent review rule when several review rules match', () => {
    const rules = [
      aRule(cash, {
        id: 'p3-critical',
        severity: 'critical',
        action: { type: 'review', queue: 'late', priority: 'P3' },
      }),
      aRule(cash, {
        id: 'p2-low',
        severity: 'low',
        action: { type: 'review', queue: 'payments', priority: 'P2' },
      }),
      aRule(cash, {
        id: 'p2-high',
        severity: 'high',
        action: { type: 'review', queue: 'fraud', priority: 'P2' },
      }),
      aRule(cash, {
        id: 'p2-high-later',
        severity: 'high',
        action: { type: 'review', queue: 'other', priority: 'P2' },
      }),
    ];
    const evaluation = evaluate(ruleSetOf(...rules), listing('cash only'), NOW);
    expect(evaluation.decision).toBe('review');
    expect(evaluation.review).toEqual({ queue: 'fraud', priority: 'P2' });
  });

  it('collects labels without changing the decision when label rules match', () => {
    const rules = [
      aRule(cash, { action: { type: 'label', label: 'mentions-cash' } }),
      aRule(paypay, { action: { type: 'label', label: 'mentions-paypay' } }),
      aRule(cash, { action: { type: 'label', label: 'mentions-cash' } }),
    ];
    const evaluation = evaluate(ruleSetOf(...rules), listing('cash or paypay'), NOW);
    expect(evaluation.decision).toBe('allow');
    expect(evaluation.labels).toEqual(['mentions-cash', 'mentions-paypay']);
    expect(evaluation.reasons).toHaveLength(3);
  });

  it('records a shadow rule without letting it act when it matches', () => {
    const shadow = aRule(cash, { id: 'shadow.block', status: 'shadow', action: { type: 'block' } });
    const label = aRule(cash, {
      id: 'shadow.label',
      status: 'shadow',
      action: { type: 'label', label: 'x' },
    });
    const evaluation = evaluate(ruleSetOf(shadow, label), listing('cash only'), NOW);
    expect(evaluation.decision).toBe('allow');
    expect(evaluation.reasons).toEqual([]);
    expect(evaluation.labels).toEqual([]);
    expect(evaluation.review).toBeUndefined();
    expect(evaluation.shadowReasons.map((reason) => [reason.ruleId, reason.status])).toEqual([
      ['shadow.block', 'shadow'],
      ['shadow.label', 'shadow'],
    ]);
  });

  it('does not evaluate a draft rule when its condition matches', () => {
    const draft = aRule(cash, { status: 'draft', action: { type: 'block' } });
    const evaluation = evaluate(ruleSetOf(draft), listing('cash only'), NOW);
    expect(evaluation).toMatchObject({ decision: 'allow', reasons: [], shadowReasons: [] });
  });

  it('runs a rule through its expiry day and stops the day after', () => {
    const ruleSet = ruleSetOf(aRule(cash, { expires: '2026-03-01', action: { type: 'block' } }));
    expect(evaluate(ruleSet, listing('cash'), new Date('2026-03-01T23:59:59Z')).decision).toBe('block');
    expect(evaluate(ruleSet, listing('cash'), new Date('2026-03-02T00:00:00Z')).decision).toBe('allow');
  });

  it('requires every condition of all, one of any, and the absence of not', () => {
    const rule = aRule(
      {
        all: [
          { any: [{ keywords: { words: ['rolex'] } }, { keywords: { words: ['omega'] } }] },
          { keywords: { words: ['replica'] } },
          { not: { keywords: { words: ['not a replica'] } } },
        ],
      },
      { id: 'replica' },
    );
    const ruleSet = ruleSetOf(rule);
    const decide = (body: string) => evaluate(ruleSet, listing(body), NOW).decision;
    expect(decide('rolex replica, great condition')).toBe('review');
    expect(decide('omega replica')).toBe('review');
    expect(decide('seiko replica')).toBe('allow');
    expect(decide('rolex, genuine')).toBe('allow');
    expect(decide('rolex, this is not a replica')).toBe('allow');
  });

  it('applies a rule only to the kinds it names', () => {
    const ruleSet = ruleSetOf(aRule(cash, { kinds: ['message'] }));
    expect(evaluate(ruleSet, { kind: 'message', body: 'cash please' }, NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('cash please'), NOW).decision).toBe('allow');
  });

  it('applies a ja rule to ja and ja-JP items but not to en items', () => {
    const ruleSet = ruleSetOf(aRule({ keywords: { words: ['手渡し'] } }, { locales: ['ja'] }));
    expect(evaluate(ruleSet, listing('手渡しのみ', { locale: 'ja-JP' }), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('手渡しのみ', { locale: 'ja' }), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('手渡しのみ', { locale: 'en' }), NOW).decision).toBe('allow');
  });

  it('guesses ja from kana or kanji and en otherwise when the item has no locale', () => {
    const ja = aRule({ keywords: { words: ['paypay'] } }, { id: 'ja-only', locales: ['ja'] });
    const en = aRule({ keywords: { words: ['paypay'] } }, { id: 'en-only', locales: ['en'] });
    const ruleSet = ruleSetOf(ja, en);
    expect(matchedIds(evaluate(ruleSet, listing('PayPayで払います'), NOW))).toEqual(['ja-only']);
    expect(matchedIds(evaluate(ruleSet, listing('I pay with PayPay'), NOW))).toEqual(['en-only']);
  });

  it('matches keywords written in full width and katakana and reports the original spans', () => {
    const rule = aRule({ keywords: { words: ['PayPay', 'ペイペイ'] } }, { id: 'pay' });
    const item = listing('支払いはＰＡＹＰＡＹか、ぺいぺいで');
    const evaluation = evaluate(ruleSetOf(rule), item, NOW);
    expect(spanTexts(evaluation, item, 'pay')).toEqual(['ＰＡＹＰＡＹ', 'ぺいぺい']);
  });

  it('looks only in the fields a keyword predicate names', () => {
    const ruleSet = ruleSetOf(aRule({ keywords: { words: ['cash'], in: ['title'] } }));
    expect(evaluate(ruleSet, listing('a sweater', { title: 'cash only' }), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('cash only', { title: 'a sweater' }), NOW).decision).toBe('allow');
  });

  it('reports tag spans in the tags joined by newlines', () => {
    const rule = aRule({ keywords: { words: ['cash'] } }, { id: 'tags' });
    const item = listing('a sweater', { tags: ['wool', 'cash deal'] });
    const evaluation = evaluate(ruleSetOf(rule), item, NOW);
    expect(evaluation.reasons[0]?.spans).toEqual([{ field: 'tags', start: 5, end: 9 }]);
    expect(spanTexts(evaluation, item, 'tags')).toEqual(['cash']);
  });

  it('uses a named keyword set of the pack', () => {
    const rule = aRule({ keywords: { set: 'payment-apps' } });
    const ruleSet = compileRuleSet([aPack([rule], { 'payment-apps': ['venmo', 'zelle'] })]);
    expect(evaluate(ruleSet, listing('zelle me'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('pay in the app'), NOW).decision).toBe('allow');
  });

  it('matches a phrase and reports where it is', () => {
    const rule = aRule({ phrase: 'pay me directly' }, { id: 'phrase' });
    const item = listing('Please PAY  ME DIRECTLY, thanks');
    const evaluation = evaluate(ruleSetOf(rule), item, NOW);
    expect(evaluation.decision).toBe('review');
    expect(spanTexts(evaluation, item, 'phrase')[0]?.toLowerCase().replace(/\s+/g, ' ')).toBe(
      'pay me directly',
    );
  });

  it('runs a regex over normalised text and reports its span in the original', () => {
    const rule = aRule({ regex: { pattern: 'ぺいぺい\\s*で' } }, { id: 'regex' });
    const item = listing('お支払いはペイペイでお願いします');
    const evaluation = evaluate(ruleSetOf(rule), item, NOW);
    expect(evaluation.decision).toBe('review');
    expect(spanTexts(evaluation, item, 'regex')).toEqual(['ペイペイで']);
  });

  it('matches a repeated regex when its words appear as often as it asks', () => {
    const ruleSet = ruleSetOf(aRule({ regex: { pattern: '(?:(?:zero|one|two|seven)[ ,]*){4,}' } }));
    expect(evaluate(ruleSet, listing('call zero seven one, two one'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('zero one two and one more thing'), NOW).decision).toBe('allow');
    expect(evaluate(ruleSet, listing('someone phoned, one two'), NOW).decision).toBe('allow');
  });

  it('runs a regex that has no literal to gate it on every item', () => {
    const ruleSet = ruleSetOf(aRule({ regex: { pattern: '[0-9]{7}' } }));
    expect(evaluate(ruleSet, listing('serial 4829173'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('serial 48-29'), NOW).decision).toBe('allow');
  });

  it('runs a regex only when one of its prefilter literals is in the text', () => {
    const rule = aRule({ regex: { pattern: 'card\\s*code', prefilter: ['voucher', 'Amazon'] } });
    const ruleSet = ruleSetOf(rule);
    expect(evaluate(ruleSet, listing('selling a voucher card code'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('AMAZON card code for sale'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('selling a card code'), NOW).decision).toBe('allow');
  });

  it('reads kind fields when a rule compares price and category', () => {
    const rule = aRule({
      all: [
        { field: { path: 'price.amount', below: 1000 } },
        { field: { path: 'category', in: ['electronics', 'phones'] } },
        { field: { path: 'title', present: true } },
      ],
    });
    const ruleSet = ruleSetOf(rule);
    const item = (amount: number, category: string, title?: string) =>
      listing('iPhone 15', { price: { amount, currency: 'JPY' }, category, ...(title ? { title } : {}) });
    expect(evaluate(ruleSet, item(500, 'phones', 'iPhone'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, item(1000, 'phones', 'iPhone'), NOW).decision).toBe('allow');
    expect(evaluate(ruleSet, item(500, 'books', 'iPhone'), NOW).decision).toBe('allow');
    expect(evaluate(ruleSet, item(500, 'phones'), NOW).decision).toBe('allow');
    expect(evaluate(ruleSet, listing('no price'), NOW).decision).toBe('allow');
  });

  it('fires a rule made only of not when the keyword is absent', () => {
    const ruleSet = ruleSetOf(aRule({ not: { keywords: { words: ['tested'] } } }));
    expect(evaluate(ruleSet, listing('untested ok'), NOW).decision).toBe('review');
    expect(evaluate(ruleSet, listing('fully tested'), NOW).decision).toBe('allow');
  });

  it('carries the rule id, clause, severity, status and action in each reason', () => {
    const rule = aRule(cash, { id: 'pay.cash', clause: 'Guidelines 3.3', severity: 'high' });
    const evaluation = evaluate(ruleSetOf(rule), listing('cash only'), NOW);
    expect(evaluation.reasons).toEqual([
      {
        ruleId: 'pay.cash',
        clause: 'Guidelines 3.3',
        severity: 'high',
        status: 'live',
        action: { type: 'review', queue: 'general', priority: 'P3' },
        spans: [{ field: 'body', start: 0, end: 4 }],
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';
import { parseRulePack } from '#core/rules/parse-rule-pack';
import type { ItemFacts } from '#schemas/item-facts';
import type { Condition, RulePack } from '#schemas/rule';

const NOW = new Date('2026-11-20T09:00:00Z');
const LISTING = {
  kind: 'listing',
  locale: 'en',
  title: 'Canon AE-1',
  body: 'Fully working film camera.',
} as const;

function facts(
  overrides: { author?: Partial<ItemFacts['author']> } & Partial<Omit<ItemFacts, 'author'>> = {},
) {
  return {
    author: {
      strikes: 0,
      accountAgeDays: 400,
      enforcement: 'none',
      linkedAccounts: {},
      linkedToBanned: [],
      ...overrides.author,
    },
    velocity: overrides.velocity ?? { postsPerMinute: 1, postsPerHour: 1 },
    duplicateText: overrides.duplicateText ?? { users: 1 },
  } satisfies ItemFacts;
}

function packWith(when: Condition): RulePack {
  return {
    pack: 'facts-test',
    description: 'One rule on facts.',
    rules: [
      {
        id: 'facts.rule',
        description: 'The rule under test.',
        clause: 'test',
        status: 'live',
        severity: 'high',
        when,
        action: { type: 'review', queue: 'offenders', priority: 'P1' },
      },
    ],
  };
}

function decides(when: Condition, given: ItemFacts | undefined): string {
  return evaluate(compileRuleSet([packWith(when)]), LISTING, NOW, given === undefined ? {} : { facts: given })
    .decision;
}

describe('fact predicates', () => {
  it('sends a new account linked to a banned one to review, and leaves an old unlinked one alone', () => {
    const when: Condition = {
      all: [{ 'author.linkedToBanned': true }, { 'author.accountAgeDays': { below: 30 } }],
    };
    const linked = facts({
      author: { accountAgeDays: 0.1, linkedToBanned: [{ userId: 'u-9', level: 'ban', signals: ['device'] }] },
    });

    expect(decides(when, linked)).toBe('review');
    expect(decides(when, facts())).toBe('allow');
  });

  it('counts only the named signals shared with one banned account for a two-signal match', () => {
    const when: Condition = {
      'author.linkedToBanned': { atLeast: 2, signals: ['device', 'paymentFingerprint'] },
    };
    const deviceAndIp = facts({
      author: { linkedToBanned: [{ userId: 'u-9', level: 'ban', signals: ['device', 'ipPrefix'] }] },
    });
    const deviceAndCard = facts({
      author: {
        linkedToBanned: [{ userId: 'u-9', level: 'suspend', signals: ['paymentFingerprint', 'device'] }],
      },
    });

    expect(decides(when, deviceAndIp)).toBe('allow');
    expect(decides(when, deviceAndCard)).toBe('review');
  });

  it('compares strikes, velocity, duplicate text and linked accounts with atLeast and below', () => {
    const busy = facts({
      author: { strikes: 4, linkedAccounts: { device: 3, ipPrefix: 40 } },
      velocity: { postsPerMinute: 12, postsPerHour: 30 },
      duplicateText: { users: 3 },
    });

    expect(decides({ 'author.strikes': { atLeast: 4 } }, busy)).toBe('review');
    expect(decides({ 'author.strikes': { atLeast: 5 } }, busy)).toBe('allow');
    expect(decides({ 'velocity.postsPerMinute': { atLeast: 10 } }, busy)).toBe('review');
    expect(decides({ 'velocity.postsPerHour': { atLeast: 31 } }, busy)).toBe('allow');
    expect(decides({ 'duplicateText.users': { atLeast: 3 } }, busy)).toBe('review');
    expect(decides({ 'author.linkedAccounts': { atLeast: 3, signals: ['device'] } }, busy)).toBe('review');
    expect(decides({ 'author.linkedAccounts': { atLeast: 4, signals: ['device', 'email'] } }, busy)).toBe(
      'allow',
    );
    expect(decides({ 'author.accountAgeDays': { below: 30 } }, busy)).toBe('allow');
  });

  it('matches the enforcement in force against a list of levels', () => {
    const when: Condition = { 'author.enforcement': { in: ['suspend', 'ban'] } };

    expect(decides(when, facts({ author: { enforcement: 'ban' } }))).toBe('review');
    expect(decides(when, facts({ author: { enforcement: 'restrict' } }))).toBe('allow');
  });

  it('reads counts as zero and the account age as unknown when an item comes without facts', () => {
    expect(decides({ 'author.strikes': { below: 1 } }, undefined)).toBe('review');
    expect(decides({ 'velocity.postsPerMinute': { atLeast: 1 } }, undefined)).toBe('allow');
    expect(decides({ 'author.accountAgeDays': { below: 30 } }, undefined)).toBe('allow');
    expect(decides({ 'author.linkedToBanned': false }, undefined)).toBe('review');
    expect(decides({ 'author.enforcement': { in: ['none'] } }, undefined)).toBe('review');
  });
});

describe('rules that need facts', () => {
  it('match text and facts together for items given facts, and stay asleep for items without', () => {
    const ruleSet = compileRuleSet(
      [
        packWith({ all: [{ keywords: { words: ['super copy'] } }, { 'author.strikes': { atLeast: 2 } }] }),
        packWith({ 'author.enforcement': { in: ['ban'] } }),
      ].map((pack, index) => ({
        ...pack,
        pack: `facts-test-${index}`,
        rules: pack.rules.map((rule) => ({ ...rule, id: `facts.rule-${index}` })),
      })),
    );
    const counterfeit = { ...LISTING, body: 'Super copy, looks real.' };

    expect(evaluate(ruleSet, counterfeit, NOW, { facts: facts({ author: { strikes: 3 } }) }).decision).toBe(
      'review',
    );
    expect(evaluate(ruleSet, LISTING, NOW, { facts: facts({ author: { strikes: 3 } }) }).decision).toBe(
      'allow',
    );
    expect(
      evaluate(ruleSet, LISTING, NOW, { facts: facts({ author: { enforcement: 'ban' } }) }).decision,
    ).toBe('review');
    expect(evaluate(ruleSet, counterfeit, NOW).decision).toBe('allow');
  });
});

describe('parseRulePack with fact predicates', () => {
  it('names the field when a fact comparison is empty or a signal is unknown', () => {
    const yaml = [
      'pack: facts-test',
      'description: Mistakes in fact predicates.',
      'rules:',
      '  - id: velocity.empty',
      '    description: An empty comparison.',
      '    clause: test',
      '    status: live',
      '    severity: low',
      '    when: { velocity.postsPerMinute: {} }',
      '    action: { type: block }',
      '  - id: evasion.unknown-signal',
      '    description: A signal the contract does not have.',
      '    clause: test',
      '    status: live',
      '    severity: low',
      '    when: { author.linkedToBanned: { signals: [fingerprint] } }',
      '    action: { type: block }',
    ].join('\n');

    const result = parseRulePack('facts.yaml', yaml);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((issue) => [issue.line, issue.field, issue.message])).toEqual([
      [9, 'rules[0].when["velocity.postsPerMinute"]', 'needs atLeast or below'],
      [
        16,
        'rules[1].when["author.linkedToBanned"].signals[0]',
        '`fingerprint` is not allowed here; expected email, phone, device, paymentFingerprint, ipPrefix',
      ],
    ]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileRuleSetSource } from '#adapters/files/file-rule-set-source';
import { evaluate } from '#core/rules/evaluate';
import type { ItemFacts } from '#schemas/item-facts';
import type { Evaluation } from '#schemas/verdict';

const policiesDir = join(import.meta.dirname, '../../../policies');
const ruleSet = await new FileRuleSetSource(policiesDir).active();
const NOW = new Date('2026-11-20T09:00:00Z');
const LISTING = {
  kind: 'listing',
  locale: 'en',
  title: 'Vintage Canon AE-1 film camera',
  body: 'Fully working, light meter tested last month. Minor wear on the top plate. Ships in two days.',
} as const;

type FactsOverrides = { author?: Partial<ItemFacts['author']> } & Partial<Omit<ItemFacts, 'author'>>;

/** An established account posting its first item of the hour, unlinked: nothing about it is suspect. */
function facts(overrides: FactsOverrides = {}): ItemFacts {
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
  };
}

function judge(overrides: FactsOverrides): Evaluation {
  return evaluate(ruleSet, LISTING, NOW, { facts: facts(overrides) });
}

function firedRules(evaluation: Evaluation): string[] {
  return evaluation.reasons.map((reason) => reason.ruleId);
}

const NEW = { accountAgeDays: 0.2 };

describe('the offenders pack', () => {
  it('lets an ordinary listing from an established, unlinked account through', () => {
    expect(judge({}).decision).toBe('allow');
  });

  it('sends a new account sharing a device with a banned one to review at P1 with the reason ban_evasion', () => {
    const evaluation = judge({
      author: { ...NEW, linkedToBanned: [{ userId: 'user-banned', level: 'ban', signals: ['device'] }] },
    });

    expect(evaluation.decision).toBe('review');
    expect(evaluation.review).toEqual({ queue: 'ban-evasion', priority: 'P1' });
    expect(firedRules(evaluation)).toEqual(['ban_evasion']);
  });

  it('does not call an IP prefix shared with a banned account, or an old account, ban evasion', () => {
    const viaIp = { userId: 'user-banned', level: 'ban' as const, signals: ['ipPrefix' as const] };
    const viaDevice = { userId: 'user-banned', level: 'suspend' as const, signals: ['device' as const] };

    expect(judge({ author: { ...NEW, linkedToBanned: [viaIp] } }).decision).toBe('allow');
    expect(judge({ author: { linkedToBanned: [viaDevice] } }).decision).toBe('allow');
  });

  it('blocks an account sharing a device and a payment fingerprint with one banned account', () => {
    const evaluation = judge({
      author: {
        linkedToBanned: [{ userId: 'user-banned', level: 'ban', signals: ['device', 'paymentFingerprint'] }],
      },
    });

    expect(evaluation.decision).toBe('block');
    expect(firedRules(evaluation)).toEqual(['ban_evasion.strong-signals']);
  });

  it('flags the same text from a third new account as a ring, but not from a second or from an old account', () => {
    const third = judge({ author: NEW, duplicateText: { users: 3 } });

    expect(third.review).toEqual({ queue: 'scams', priority: 'P2' });
    expect(firedRules(third)).toEqual(['spam.duplicate-ring']);
    expect(judge({ author: NEW, duplicateText: { users: 2 } }).decision).toBe('allow');
    expect(judge({ duplicateText: { users: 30 } }).decision).toBe('allow');
  });

  it('sends ten posts a minute from a new account to the spam queue, and only records sixty from an old one', () => {
    const newBurst = judge({ author: NEW, velocity: { postsPerMinute: 10, postsPerHour: 10 } });
    const botBurst = judge({ velocity: { postsPerMinute: 60, postsPerHour: 60 } });

    expect([newBurst.review, firedRules(newBurst)]).toEqual([
      { queue: 'spam', priority: 'P2' },
      ['spam.velocity-new-account'],
    ]);
    expect(botBurst.decision).toBe('allow');
    expect(botBurst.shadowReasons.map((reason) => reason.ruleId)).toEqual(['spam.velocity-burst']);
    expect(judge({ velocity: { postsPerMinute: 59, postsPerHour: 200 } }).decision).toBe('allow');
  });

  it('sends content from a banned account to review, and leaves a restricted one to the platform', () => {
    const banned = judge({ author: { enforcement: 'ban' } });

    expect([banned.review, firedRules(banned)]).toEqual([
      { queue: 'ban-evasion', priority: 'P2' },
      ['offenders.enforced-author'],
    ]);
    expect(judge({ author: { enforcement: 'restrict' } }).decision).toBe('allow');
  });

  it('fires none of its rules on an item evaluated without facts', () => {
    const evaluation = evaluate(ruleSet, LISTING, NOW);

    expect(evaluation.decision).toBe('allow');
    expect(evaluation.shadowReasons).toEqual([]);
  });
});

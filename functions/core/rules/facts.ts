import type { EnforcementLevel } from '#schemas/enforcement';
import type { ItemFacts } from '#schemas/item-facts';
import type { Condition } from '#schemas/rule';
import type { SignalName } from '#schemas/submission';

/** The facts a predicate can read, numbered for a switch on the hot path. */
export const Fact = {
  strikes: 0,
  accountAgeDays: 1,
  linkedToBanned: 2,
  linkedAccounts: 3,
  enforcement: 4,
  postsPerMinute: 5,
  postsPerHour: 6,
  duplicateTextUsers: 7,
  mlScore: 8,
} as const;

/** A fact predicate compiled once: which fact, and the comparison it must pass. */
export interface FactTest {
  readonly fact: number;
  readonly atLeast: number | undefined;
  readonly below: number | undefined;
  /** The signals that count, for the linked-account facts; every signal when undefined. */
  readonly signals: readonly SignalName[] | undefined;
  readonly levels: ReadonlySet<EnforcementLevel> | undefined;
  /** For `author.linkedToBanned: true | false`, the answer that holds. */
  readonly expected: boolean;
  /** For `ml`, the classifier label whose score is compared. */
  readonly label: string | undefined;
}

/** Calibrated classifier scores by label, given to the rules after the classifiers ran. */
export type MlScores = Readonly<Record<string, number>>;

/** The test of a fact predicate, or undefined when the condition is not one. */
export function compileFactTest(condition: Condition): FactTest | undefined {
  const test = (fact: number, fields: Partial<Omit<FactTest, 'fact'>>): FactTest => ({
    fact,
    atLeast: fields.atLeast,
    below: fields.below,
    signals: fields.signals,
    levels: fields.levels,
    expected: fields.expected ?? true,
    label: fields.label,
  });
  if ('author.strikes' in condition) return test(Fact.strikes, condition['author.strikes']);
  if ('author.accountAgeDays' in condition)
    return test(Fact.accountAgeDays, condition['author.accountAgeDays']);
  if ('author.linkedToBanned' in condition) {
    const linked = condition['author.linkedToBanned'];
    return typeof linked === 'boolean'
      ? test(Fact.linkedToBanned, { atLeast: 1, expected: linked })
      : test(Fact.linkedToBanned, { atLeast: linked.atLeast ?? 1, signals: linked.signals });
  }
  if ('author.linkedAccounts' in condition)
    return test(Fact.linkedAccounts, condition['author.linkedAccounts']);
  if ('author.enforcement' in condition)
    return test(Fact.enforcement, { levels: new Set(condition['author.enforcement'].in) });
  if ('velocity.postsPerMinute' in condition)
    return test(Fact.postsPerMinute, condition['velocity.postsPerMinute']);
  if ('velocity.postsPerHour' in condition)
    return test(Fact.postsPerHour, condition['velocity.postsPerHour']);
  if ('duplicateText.users' in condition)
    return test(Fact.duplicateTextUsers, condition['duplicateText.users']);
  if ('ml' in condition) return test(Fact.mlScore, condition.ml);
  return undefined;
}

/**
 * Whether an item's facts pass a fact test. Without facts (`patrol check`, benchmarks) counts read
 * as zero, the enforcement as `none`, nothing is linked and an unknown account age passes no comparison;
 * a label without a score (no classifier ran, or none knows it) passes no ML comparison.
 */
export function testFact(test: FactTest, facts: ItemFacts | undefined, mlScores?: MlScores): boolean {
  switch (test.fact) {
    case Fact.strikes:
      return compare(facts?.author.strikes ?? 0, test);
    case Fact.accountAgeDays:
      return facts?.author.accountAgeDays !== undefined && compare(facts.author.accountAgeDays, test);
    case Fact.linkedToBanned:
      return linkedToBanned(test, facts) === test.expected;
    case Fact.linkedAccounts:
      return compare(mostLinkedAccounts(test.signals, facts), test);
    case Fact.enforcement:
      return test.levels?.has(facts?.author.enforcement ?? 'none') ?? false;
    case Fact.postsPerMinute:
      return compare(facts?.velocity.postsPerMinute ?? 0, test);
    case Fact.postsPerHour:
      return compare(facts?.velocity.postsPerHour ?? 0, test);
    case Fact.duplicateTextUsers:
      return compare(facts?.duplicateText.users ?? 0, test);
    case Fact.mlScore: {
      const score = test.label === undefined ? undefined : mlScores?.[test.label];
      return score !== undefined && compare(score, test);
    }
    default:
      return false;
  }
}

function compare(value: number, test: FactTest): boolean {
  return (
    (test.atLeast === undefined || value >= test.atLeast) && (test.below === undefined || value < test.below)
  );
}

/** Whether one suspended or banned account shares at least `atLeast` of the counted signals. */
function linkedToBanned(test: FactTest, facts: ItemFacts | undefined): boolean {
  for (const link of facts?.author.linkedToBanned ?? []) {
    const shared =
      test.signals === undefined
        ? link.signals.length
        : link.signals.filter((signal) => test.signals?.includes(signal)).length;
    if (shared >= (test.atLeast ?? 1)) return true;
  }
  return false;
}

function mostLinkedAccounts(
  signals: readonly SignalName[] | undefined,
  facts: ItemFacts | undefined,
): number {
  const counts = facts?.author.linkedAccounts;
  if (counts === undefined) return 0;
  let most = 0;
  for (const [signal, accounts] of Object.entries(counts) as [SignalName, number][]) {
    if ((signals === undefined || signals.includes(signal)) && accounts > most) most = accounts;
  }
  return most;
}

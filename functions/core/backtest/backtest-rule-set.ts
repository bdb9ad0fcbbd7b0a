import type { CompiledRuleSet } from '#core/rules/compile';
import { type EvaluableItem, evaluate } from '#core/rules/evaluate';
import type { CaseStore } from '#ports/case-store';
import type { ContentStore } from '#ports/content-store';
import type { ReviewPolicySource } from '#ports/review-policy-source';
import type { ReviewCase } from '#schemas/review-case';
import type { StoredContent } from '#schemas/stored-content';
import type { Decision, Evaluation } from '#schemas/verdict';

/** One stored item a back-test runs over: its content as posted and, when a moderator decided it, what they chose. */
export interface BacktestItem {
  contentId: string;
  item: EvaluableItem;
  moderatorAction?: 'approve' | 'remove';
}

/** How one rule of the candidate fares: hits, hits gained and lost against the live set, and precision against moderators. */
export interface RuleBacktest {
  ruleId: string;
  status: 'live' | 'shadow';
  hits: number;
  liveHits: number;
  newHits: number;
  lostHits: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Share of decided hits that moderators removed; undefined without a decided hit. */
  precision?: number;
  liveRulePrecision?: number;
  /** Share of removed items this rule hit; undefined without a removal. */
  recall?: number;
  /** Set when precision falls by more than the tolerance against the live rule, or below the floor. */
  precisionFalls: boolean;
  examples: string[];
}

/** What a candidate rule set would have done over stored content, beside what the live one did. */
export interface BacktestReport {
  items: number;
  decidedByModerators: number;
  changed: number;
  changes: Record<string, number>;
  examples: { contentId: string; from: Decision; to: Decision; rules: string[] }[];
  rules: RuleBacktest[];
}

const EXAMPLES = 5;
/** The most kept items one back-test reads. */
const BACKTEST_LIMIT = 20_000;
const CHANGE_EXAMPLES = 20;
const PRECISION_TOLERANCE = 0.1;
const PRECISION_FLOOR = 0.5;
const MIN_DECIDED_HITS = 3;

/**
 * Runs the live and the candidate rule sets over the same items and reports, per rule, hits and
 * precision/recall against moderators' decisions (remove counts as a true hit), and which decisions change.
 */
export function backtestRuleSet(
  items: readonly BacktestItem[],
  live: CompiledRuleSet,
  candidate: CompiledRuleSet,
  now: Date,
): BacktestReport {
  const tallies = new Map<string, Tally>();
  const liveTallies = new Map<string, Tally>();
  const changes: Record<string, number> = {};
  const examples: BacktestReport['examples'] = [];
  let removals = 0;
  for (const { contentId, item, moderatorAction } of items) {
    const before = evaluate(live, item, now);
    const after = evaluate(candidate, item, now);
    if (moderatorAction === 'remove') removals++;
    const beforeHits = hitRules(before);
    const afterHits = hitRules(after);
    tally(liveTallies, beforeHits, undefined, moderatorAction, contentId);
    tally(tallies, afterHits, beforeHits, moderatorAction, contentId);
    if (before.decision !== after.decision) {
      const key = `${before.decision}→${after.decision}`;
      changes[key] = (changes[key] ?? 0) + 1;
      if (examples.length < CHANGE_EXAMPLES)
        examples.push({ contentId, from: before.decision, to: after.decision, rules: [...afterHits.keys()] });
    }
  }
  const ruleIds = new Set([...tallies.keys(), ...liveTallies.keys()]);
  const rules = [...ruleIds].map((ruleId) => {
    const counts = tallies.get(ruleId) ?? { ...emptyTally(liveTallies.get(ruleId)?.status ?? 'live') };
    const liveCounts = liveTallies.get(ruleId);
    const precision = share(counts.truePositives, counts.truePositives + counts.falsePositives);
    const liveRulePrecision =
      liveCounts === undefined
        ? undefined
        : share(liveCounts.truePositives, liveCounts.truePositives + liveCounts.falsePositives);
    const decidedHits = counts.truePositives + counts.falsePositives;
    return {
      ruleId,
      status: counts.status,
      hits: counts.hits,
      liveHits: liveCounts?.hits ?? 0,
      newHits: counts.newHits,
      lostHits: Math.max(0, (liveCounts?.hits ?? 0) - (counts.hits - counts.newHits)),
      truePositives: counts.truePositives,
      falsePositives: counts.falsePositives,
      falseNegatives: removals - counts.truePositives,
      ...(precision === undefined ? {} : { precision }),
      ...(liveRulePrecision === undefined ? {} : { liveRulePrecision }),
      ...(removals === 0 ? {} : { recall: counts.truePositives / removals }),
      precisionFalls:
        precision !== undefined &&
        decidedHits >= MIN_DECIDED_HITS &&
        (precision < PRECISION_FLOOR ||
          (liveRulePrecision !== undefined && precision < liveRulePrecision - PRECISION_TOLERANCE)),
      examples: counts.examples,
    };
  });
  return {
    items: items.length,
    decidedByModerators: items.filter((item) => item.moderatorAction !== undefined).length,
    changed: Object.values(changes).reduce((sum, count) => sum + count, 0),
    changes,
    examples,
    rules: rules.sort((left, right) => right.hits - left.hits || left.ruleId.localeCompare(right.ruleId)),
  };
}

/**
 * The items a back-test runs over: content kept over the last `days` (newest version of each item) and
 * the content of the tenant's cases, labelled with the moderator's decision where one was made.
 */
export async function collectBacktestItems(
  tenant: string,
  days: number,
  dependencies: { cases: CaseStore; policies: ReviewPolicySource; content?: ContentStore; now: Date },
): Promise<BacktestItem[]> {
  const { now } = dependencies;
  const since = new Date(now.getTime() - days * 86_400_000);
  const policy = await dependencies.policies.policyFor(tenant);
  const perQueue = await Promise.all(
    policy.queues.map(async (queue) => [
      ...(await dependencies.cases.decidedSince(tenant, queue.name, since, now)),
      ...(await dependencies.cases.list(tenant, { queue: queue.name, now, limit: 200 })),
    ]),
  );
  const items = new Map<string, BacktestItem>();
  const kept = (await dependencies.content?.since(tenant, since, now, BACKTEST_LIMIT)) ?? [];
  for (const stored of kept) items.set(stored.contentId, itemOfStored(stored));
  for (const reviewCase of perQueue.flat()) {
    if (reviewCase.subject.type !== 'content' || reviewCase.snapshot === undefined) continue;
    if (Date.parse(reviewCase.createdAt) < since.getTime()) continue;
    const { contentId } = reviewCase.subject;
    const known = items.get(contentId);
    if (reviewCase.outcome !== undefined || known === undefined)
      items.set(contentId, itemOf(reviewCase, contentId));
  }
  return [...items.values()];
}

function itemOfStored(stored: StoredContent): BacktestItem {
  const { snapshot } = stored;
  return {
    contentId: stored.contentId,
    item: {
      kind: snapshot.kind as EvaluableItem['kind'],
      ...(snapshot.locale === undefined ? {} : { locale: snapshot.locale }),
      ...(snapshot.title === undefined ? {} : { title: snapshot.title }),
      ...(snapshot.body === undefined ? {} : { body: snapshot.body }),
      ...(snapshot.tags === undefined ? {} : { tags: snapshot.tags }),
    },
  };
}

function itemOf(reviewCase: ReviewCase, contentId: string): BacktestItem {
  const snapshot = reviewCase.snapshot;
  return {
    contentId,
    item: {
      kind: snapshot?.kind as EvaluableItem['kind'],
      ...(snapshot?.locale === undefined ? {} : { locale: snapshot.locale }),
      ...(snapshot?.title === undefined ? {} : { title: snapshot.title }),
      ...(snapshot?.body === undefined ? {} : { body: snapshot.body }),
      ...(snapshot?.tags === undefined ? {} : { tags: snapshot.tags }),
    },
    ...(reviewCase.outcome === undefined ? {} : { moderatorAction: reviewCase.outcome.action }),
  };
}

interface Tally {
  status: 'live' | 'shadow';
  hits: number;
  newHits: number;
  truePositives: number;
  falsePositives: number;
  examples: string[];
}

function hitRules(evaluation: Evaluation): Map<string, 'live' | 'shadow'> {
  return new Map([
    ...evaluation.reasons.map((reason) => [reason.ruleId, reason.status] as const),
    ...evaluation.shadowReasons.map((reason) => [reason.ruleId, 'shadow' as const] as const),
  ]);
}

function tally(
  tallies: Map<string, Tally>,
  hits: Map<string, 'live' | 'shadow'>,
  liveHits: Map<string, 'live' | 'shadow'> | undefined,
  moderatorAction: 'approve' | 'remove' | undefined,
  contentId: string,
): void {
  for (const [ruleId, status] of hits) {
    const counts = tallies.get(ruleId) ?? emptyTally(status);
    counts.hits++;
    if (liveHits !== undefined && !liveHits.has(ruleId)) counts.newHits++;
    if (moderatorAction === 'remove') counts.truePositives++;
    if (moderatorAction === 'approve') counts.falsePositives++;
    if (counts.examples.length < EXAMPLES) counts.examples.push(contentId);
    tallies.set(ruleId, counts);
  }
}

function emptyTally(status: 'live' | 'shadow'): Tally {
  return { status, hits: 0, newHits: 0, truePositives: 0, falsePositives: 0, examples: [] };
}

function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

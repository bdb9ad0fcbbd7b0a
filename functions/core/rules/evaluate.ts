import { type NormalisedText, normalise, toOriginalSpan } from '#core/normalise/normalise';
import type { ItemFacts } from '#schemas/item-facts';
import type { Submission, TextFieldName } from '#schemas/submission';
import { TextFieldNames } from '#schemas/submission';
import type { Decision, Evaluation, Reason, Span } from '#schemas/verdict';
import {
  type CompiledRegex,
  type CompiledRule,
  type CompiledRuleSet,
  kindBit,
  type RuleMatcher,
} from './compile.ts';
import { type ConditionNode, Op, testField } from './condition.ts';
import { type MlScores, testFact } from './facts.ts';
import { FieldCount, ItemScan } from './item-scan.ts';
import { matchesFrom } from './regex.ts';

/** What evaluation reads of an item: its kind, locale, text fields and kind fields. */
export type EvaluableItem = Pick<Submission, 'kind' | 'locale' | 'title' | 'body' | 'tags'>;

/** How text is normalised; callers that already hold normalised text (benchmarks, back-tests) pass a lookup. */
export interface EvaluateOptions {
  readonly normalise?: (original: string) => NormalisedText;
  /** What is known of the author and of similar posts (docs/offenders.md); fact predicates read it. */
  readonly facts?: ItemFacts;
  /** Calibrated classifier scores by label; `ml` predicates read them and never match without them. */
  readonly mlScores?: MlScores;
}

const DECISIONS: readonly Decision[] = ['allow', 'review', 'block'];
const MAX_SPANS_PER_REASON = 50;
const MAX_CACHED_BUCKETS = 64;

/** The rules that can apply to one kind and locale: which fit, and which run whatever the text. */
interface Bucket {
  readonly fits: Uint8Array;
  readonly ungated: Int32Array;
}

/** Per rule set: the reusable scan state and the buckets seen so far. */
interface Workspace {
  readonly scan: ItemScan;
  readonly buckets: Map<string, Bucket>;
  readonly ruleEpoch: Uint32Array;
  readonly candidates: Int32Array;
  epoch: number;
}

const workspaces = new WeakMap<CompiledRuleSet, Workspace>();

/**
 * Evaluates one item against a compiled rule set at time `now`: normalises each text field once,
 * scans it once, then runs only the rules that fit the item's kind and locale and whose triggers
 * fired. Shadow rules are recorded but never act; draft and expired rules do not run.
 */
export function evaluate(
  ruleSet: CompiledRuleSet,
  item: EvaluableItem,
  now: Date,
  options?: EvaluateOptions,
): Evaluation {
  const workspace = workspaceFor(ruleSet);
  const { scan } = workspace;
  const tags = item.tags === undefined ? undefined : item.tags.join('\n');
  scan.scan(item.title, item.body, tags, options?.normalise ?? normalise);
  scan.facts = options?.facts;
  scan.mlScores = options?.mlScores;
  if (ruleSet.matcher.factsGroup !== -1 && (options?.facts !== undefined || options?.mlScores !== undefined))
    scan.touch(ruleSet.matcher.factsGroup);
  const locale = item.locale === undefined ? (scan.japanese ? 'ja' : 'en') : item.locale.toLowerCase();
  const bucket = bucketFor(ruleSet, workspace, item.kind, locale);
  const count = collectCandidates(ruleSet.matcher, workspace, bucket);
  const nowMs = now.getTime();
  let matched: CompiledRule[] | undefined;
  for (let index = 0; index < count; index++) {
    const rule = ruleSet.rules[workspace.candidates[index] as number] as CompiledRule;
    if (nowMs >= rule.expiresAt || !holds(rule.condition, ruleSet.matcher, scan, item)) continue;
    if (matched === undefined) matched = [rule];
    else matched.push(rule);
  }
  return matched === undefined ? allowNothingMatched() : decide(matched, ruleSet.matcher, scan, item);
}

function allowNothingMatched(): Evaluation {
  return { decision: 'allow', reasons: [], shadowReasons: [], labels: [] };
}

function workspaceFor(ruleSet: CompiledRuleSet): Workspace {
  let workspace = workspaces.get(ruleSet);
  if (workspace === undefined) {
    workspace = {
      scan: new ItemScan(ruleSet.matcher),
      buckets: new Map(),
      ruleEpoch: new Uint32Array(ruleSet.rules.length),
      candidates: new Int32Array(ruleSet.rules.length),
      epoch: 0,
    };
    workspaces.set(ruleSet, workspace);
  }
  return workspace;
}

function bucketFor(ruleSet: CompiledRuleSet, workspace: Workspace, kind: string, locale: string): Bucket {
  const key = `${kind} ${locale}`;
  const cached = workspace.buckets.get(key);
  if (cached !== undefined) return cached;
  const bit = kindBit(kind);
  const fits = new Uint8Array(ruleSet.rules.length);
  for (const rule of ruleSet.rules) {
    const kindFits = rule.kindMask === -1 || (rule.kindMask & bit) !== 0;
    if (rule.status !== 'draft' && kindFits && localeFits(rule.locales, locale)) fits[rule.index] = 1;
  }
  const ungated = ruleSet.matcher.ungatedRules.filter((rule) => fits[rule] === 1);
  const bucket = { fits, ungated };
  if (workspace.buckets.size < MAX_CACHED_BUCKETS) workspace.buckets.set(key, bucket);
  return bucket;
}

/** A rule for `ja` fits items in `ja` and `ja-JP`; a rule without locales fits every item. */
function localeFits(ruleLocales: readonly string[] | undefined, locale: string): boolean {
  if (ruleLocales === undefined) return true;
  return ruleLocales.some((ruleLocale) => locale === ruleLocale || locale.startsWith(`${ruleLocale}-`));
}

/** Fills the workspace with the rules to evaluate, in rule order; returns how many. */
function collectCandidates(matcher: RuleMatcher, workspace: Workspace, bucket: Bucket): number {
  const { ruleEpoch, candidates, scan } = workspace;
  const epoch = nextRuleEpoch(workspace);
  let count = 0;
  for (let index = 0; index < bucket.ungated.length; index++) {
    const rule = bucket.ungated[index] as number;
    ruleEpoch[rule] = epoch;
    candidates[count++] = rule;
  }
  const { groupRuleStart, groupRules } = matcher;
  let woken = false;
  for (let index = 0; index < scan.touchedCount; index++) {
    const group = scan.touchedGroup(index);
    for (let at = groupRuleStart[group] as number; at < (groupRuleStart[group + 1] as number); at++) {
      const rule = groupRules[at] as number;
      if (bucket.fits[rule] === 1 && ruleEpoch[rule] !== epoch) {
        ruleEpoch[rule] = epoch;
        candidates[count++] = rule;
        woken = true;
      }
    }
  }
  if (woken) candidates.subarray(0, count).sort();
  return count;
}

function nextRuleEpoch(workspace: Workspace): number {
  workspace.epoch++;
  if (workspace.epoch === 0xffffffff) {
    workspace.ruleEpoch.fill(0);
    workspace.epoch = 1;
  }
  return workspace.epoch;
}

/** Whether a condition holds; text predicates read the scan, so each costs a lookup unless it must confirm. */
function holds(node: ConditionNode, matcher: RuleMatcher, scan: ItemScan, item: EvaluableItem): boolean {
  switch (node.op) {
    case Op.all:
      for (const child of node.children) if (!holds(child, matcher, scan, item)) return false;
      return true;
    case Op.any:
      for (const child of node.children) if (holds(child, matcher, scan, item)) return true;
      return false;
    case Op.not:
      return !holds(node.children[0] as ConditionNode, matcher, scan, item);
    case Op.keywords:
      return (scan.groupFields(node.ref) & node.fieldMask) !== 0;
    case Op.regex:
      return regexFields(node, matcher, scan) !== 0;
    case Op.detector:
      return detectorFields(node, matcher, scan) !== 0;
    case Op.field:
      return node.fieldTest !== undefined && testField(item, node.fieldTest);
    case Op.fact:
      return node.factTest !== undefined && testFact(node.factTest, scan.facts, scan.mlScores);
    default:
      return false;
  }
}

/** The fields (as bits) where a regex predicate matches; it runs only in fields holding all the literals it needs. */
function regexFields(node: ConditionNode, matcher: RuleMatcher, scan: ItemScan): number {
  const compiled = matcher.regexes[node.ref];
  let gate = node.fieldMask;
  let countsHits = false;
  if (compiled !== undefined) {
    for (let index = 0; index < compiled.gateGroups.length; index++) {
      gate &= scan.groupFields(compiled.gateGroups[index] as number);
      if ((compiled.gateHits[index] as number) > 1) countsHits = true;
    }
  }
  let fields = 0;
  for (let field = 0; field < FieldCount; field++) {
    if ((gate & (1 << field)) === 0 || scan.fields[field] === undefined) continue;
    if (countsHits && compiled !== undefined && !hasEnoughHits(compiled, scan, field)) continue;
    if (scan.regexMatches(node.ref, field)) fields |= 1 << field;
  }
  return fields;
}

/** Whether a field holds each gate group's literals as often as the regex needs them. */
function hasEnoughHits(compiled: CompiledRegex, scan: ItemScan, field: number): boolean {
  for (let index = 0; index < compiled.gateGroups.length; index++) {
    if (scan.groupHits(compiled.gateGroups[index] as number, field) < (compiled.gateHits[index] as number))
      return false;
  }
  return true;
}

/** The fields (as bits) where a detector confirms a match; it runs only where a trigger fired. */
function detectorFields(node: ConditionNode, matcher: RuleMatcher, scan: ItemScan): number {
  const compiled = matcher.detectors[node.ref];
  if (compiled === undefined) return 0;
  let gate = 0;
  for (let index = 0; index < compiled.triggerGroups.length; index++) {
    gate |= scan.groupFields(compiled.triggerGroups[index] as number);
  }
  let fields = 0;
  for (let field = 0; field < FieldCount; field++) {
    if ((gate & (1 << field)) !== 0 && scan.detectorMatches(node.ref, field)) fields |= 1 << field;
  }
  return fields;
}

/** The decision from the matched rules: live ones act, shadow ones are only recorded. */
function decide(
  matched: readonly CompiledRule[],
  matcher: RuleMatcher,
  scan: ItemScan,
  item: EvaluableItem,
): Evaluation {
  let decision = 0;
  let review: CompiledRule | undefined;
  const reasons: Reason[] = [];
  const shadowReasons: Reason[] = [];
  const labels: string[] = [];
  for (const rule of matched) {
    const reason = reasonFor(rule, matcher, scan, item);
    if (rule.status !== 'live') {
      shadowReasons.push(reason);
      continue;
    }
    reasons.push(reason);
    const { action } = rule;
    if (action.type === 'block') decision = 2;
    else if (action.type === 'review') {
      decision = Math.max(decision, 1);
      if (review === undefined || rule.urgency < review.urgency) review = rule;
    } else if (action.type === 'label' && !labels.includes(action.label)) labels.push(action.label);
  }
  const evaluation: Evaluation = {
    decision: DECISIONS[decision] as Decision,
    reasons,
    shadowReasons,
    labels,
  };
  if (decision === 1 && review?.action.type === 'review') {
    evaluation.review = { queue: review.action.queue, priority: review.action.priority };
  }
  return evaluation;
}

function reasonFor(rule: CompiledRule, matcher: RuleMatcher, scan: ItemScan, item: EvaluableItem): Reason {
  const spans: Span[] = [];
  collectSpans(rule.condition, matcher, scan, item, spans);
  return {
    ruleId: rule.id,
    clause: rule.clause,
    severity: rule.severity,
    status: rule.status === 'shadow' ? 'shadow' : 'live',
    action: rule.action,
    spans: tidySpans(spans),
  };
}

/** Where a holding condition matched, in original offsets per field; `not` contributes no spans. */
function collectSpans(
  node: ConditionNode,
  matcher: RuleMatcher,
  scan: ItemScan,
  item: EvaluableItem,
  spans: Span[],
): void {
  if (spans.length >= MAX_SPANS_PER_REASON) return;
  switch (node.op) {
    case Op.all:
    case Op.any:
      for (const child of node.children) {
        if (holds(child, matcher, scan, item)) collectSpans(child, matcher, scan, item, spans);
      }
      return;
    case Op.keywords:
      keywordSpans(node.ref, node.fieldMask, matcher, scan, spans);
      return;
    case Op.regex:
      regexSpans(node, matcher, scan, spans);
      return;
    case Op.detector:
      detectorSpans(node, matcher, scan, spans);
      return;
    default:
      return;
  }
}

function keywordSpans(
  group: number,
  fieldMask: number,
  matcher: RuleMatcher,
  scan: ItemScan,
  spans: Span[],
): void {
  const { hits } = scan;
  const { patternGroupStart, patternGroups, automaton } = matcher;
  for (let index = 0; index < hits.count && spans.length < MAX_SPANS_PER_REASON; index++) {
    const field = hits.fields[index] as number;
    const pattern = hits.patterns[index] as number;
    if ((fieldMask & (1 << field)) === 0) continue;
    let inGroup = false;
    for (
      let at = patternGroupStart[pattern] as number;
      at < (patternGroupStart[pattern + 1] as number);
      at++
    ) {
      if (patternGroups[at] === group) inGroup = true;
    }
    const text = scan.fields[field];
    if (!inGroup || text === undefined) continue;
    const end = hits.ends[index] as number;
    const original = toOriginalSpan(text.normalised, end - automaton.lengthOf(pattern), end);
    spans.push({ field: fieldName(field), start: original.start, end: original.end });
  }
}

function regexSpans(node: ConditionNode, matcher: RuleMatcher, scan: ItemScan, spans: Span[]): void {
  const compiled = matcher.regexes[node.ref];
  if (compiled === undefined) return;
  const fields = regexFields(node, matcher, scan);
  for (let field = 0; field < FieldCount; field++) {
    const text = scan.fields[field];
    if (text === undefined || (fields & (1 << field)) === 0) continue;
    const found = compiled.regex.matcher(text.normalised.text);
    if (compiled.triggerGroup < 0 || compiled.triggerLead === Number.POSITIVE_INFINITY) {
      while (spans.length < MAX_SPANS_PER_REASON && found.find()) {
        if (found.end() > found.start())
          pushRegexSpan(text.normalised, field, found.start(), found.end(), spans);
      }
      continue;
    }
    // Every match holds a trigger hit not far from its start, and none is empty: each search starts
    // just before the next trigger hit, and the engine's DFA says first whether anything is left.
    for (let from = 0; spans.length < MAX_SPANS_PER_REASON; from = found.end()) {
      from = scan.searchStart(compiled, field, from);
      if (from === -1 || !matchesFrom(compiled.regex, text.normalised.text, from) || !found.find(from)) break;
      pushRegexSpan(text.normalised, field, found.start(), found.end(), spans);
    }
  }
}

function pushRegexSpan(
  normalised: NormalisedText,
  field: number,
  start: number,
  end: number,
  spans: Span[],
): void {
  const original = toOriginalSpan(normalised, start, end);
  spans.push({ field: fieldName(field), ...original });
}

function detectorSpans(node: ConditionNode, matcher: RuleMatcher, scan: ItemScan, spans: Span[]): void {
  const compiled = matcher.detectors[node.ref];
  if (compiled === undefined) return;
  const fields = detectorFields(node, matcher, scan);
  if (compiled.detector.find === undefined) {
    keywordSpans(compiled.literalGroup, fields, matcher, scan, spans);
    return;
  }
  for (let field = 0; field < FieldCount; field++) {
    const text = scan.fields[field];
    if (text === undefined || (fields & (1 << field)) === 0) continue;
    const offsets: number[] = [];
    compiled.detector.find(text, offsets);
    for (let at = 0; at + 1 < offsets.length; at += 2) {
      spans.push({ field: fieldName(field), start: offsets[at] as number, end: offsets[at + 1] as number });
    }
  }
}

function fieldName(field: number): TextFieldName {
  return TextFieldNames[field] as TextFieldName;
}

/** Spans in reading order (field, then start), without repeats, at most MAX_SPANS_PER_REASON. */
function tidySpans(spans: Span[]): Span[] {
  const order = (span: Span): number => TextFieldNames.indexOf(span.field);
  spans.sort((left, right) => order(left) - order(right) || left.start - right.start || left.end - right.end);
  const tidy: Span[] = [];
  for (const span of spans) {
    const last = tidy[tidy.length - 1];
    if (last !== undefined && last.field === span.field && last.start === span.start && last.end === span.end)
      continue;
    tidy.push(span);
    if (tidy.length === MAX_SPANS_PER_REASON) break;
  }
  return tidy;
}

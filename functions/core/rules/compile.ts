import { createHash } from 'node:crypto';
import type { RE2JS } from 're2js';
import { normalise } from '#core/normalise/normalise';
import type { Action, Condition, DetectorName, Rule, RulePack, RuleStatus, Severity } from '#schemas/rule';
import { ContentKinds, TextFieldNames } from '#schemas/submission';
import {
  type Automaton,
  type AutomatonPattern,
  BoundaryLeft,
  BoundaryRight,
  buildAutomaton,
  RegexBoundaryLeft,
  RegexBoundaryRight,
} from './automaton.ts';
import { AllTextFields, ConditionNode, Op } from './condition.ts';
import { Detectors } from './detectors/all-detectors.ts';
import type { Detector, DetectorTrigger } from './detectors/detector.ts';
import { RuleSetCompileError } from './errors.ts';
import { compileFactTest, testFact } from './facts.ts';
import {
  characterFrequency,
  continuationFrequency,
  fieldChance,
  literalSetFrequency,
} from './literal-frequency.ts';
import { compileRegex, describeRegexError, withoutEnginePrefilter } from './regex.ts';
import { type NeededLiteral, regexNeeds } from './regex-needs.ts';
import { classifyCodeUnit, TextFeature } from './text-features.ts';
import { needsBoundary } from './word-boundary.ts';

/** A rule ready to run: its identity and effect, where it applies, and its compiled condition. */
export interface CompiledRule {
  readonly index: number;
  readonly pack: string;
  readonly id: string;
  readonly clause: string;
  readonly status: RuleStatus;
  readonly severity: Severity;
  readonly action: Action;
  /** One bit per content kind (ContentKinds order) the rule applies to. */
  readonly kindMask: number;
  /** Lower-case locale tags; undefined applies to every locale. */
  readonly locales: readonly string[] | undefined;
  /** Epoch milliseconds from which the rule no longer runs: the end of its `expires` day in UTC. */
  readonly expiresAt: number;
  readonly condition: ConditionNode;
  /** For review routing: priority first (P1 most urgent), then severity; lower is more urgent. */
  readonly urgency: number;
}

/** A regex compiled once, with the automaton groups that must all be hit before it is worth running. */
export interface CompiledRegex {
  readonly regex: RE2JS;
  /** The most selective of `gateGroups`, which wakes the rule (-1: nothing gates it, it always runs). */
  readonly triggerGroup: number;
  /**
   * At most this many code units of a match come before an occurrence of a trigger literal, so a
   * search can start that far before the first one; Infinity when unbounded or unknown.
   */
  readonly triggerLead: number;
  readonly gateGroups: Int32Array;
  /** Per gate group, how many hits in one field a match needs (more than one for repetitions). */
  readonly gateHits: Int32Array;
  /**
   * Literal sets too common to be triggers, counted with indexOf in the text just before the regex
   * runs: a match holds at least `hits` occurrences of each set's literals.
   */
  readonly checkedLiterals: readonly { readonly literals: readonly string[]; readonly hits: number }[];
}

/** A detector with the automaton groups whose hits say it can match. */
export interface CompiledDetector {
  readonly detector: Detector;
  /** The group of its trigger literals (-1 if none); for detectors without `find`, the matches. */
  readonly literalGroup: number;
  readonly triggerGroups: Int32Array;
}

/** The tables evaluation reads: one automaton and the indexes from its matches to rules. */
export interface RuleMatcher {
  readonly automaton: Automaton;
  readonly groupCount: number;
  /** Pattern to the groups it belongs to, as offsets into `patternGroups`. */
  readonly patternGroupStart: Int32Array;
  readonly patternGroups: Int32Array;
  /** Group to the rules a hit on it may wake, as offsets into `groupRules`. */
  readonly groupRuleStart: Int32Array;
  readonly groupRules: Int32Array;
  /** Per feature bit (text-features.ts), its group, or -1 when no rule reads it. */
  readonly featureGroups: Int32Array;
  /** Rules that no trigger can gate (kind fields, `not`, regexes without a literal): always evaluated. */
  readonly ungatedRules: Int32Array;
  /** The group hit when an item comes with facts or classifier scores, waking the rules that read them; -1 if none do. */
  readonly factsGroup: number;
  readonly regexes: readonly CompiledRegex[];
  readonly detectors: readonly CompiledDetector[];
  /** Whether any detector reads the `at` feature, which costs an indexOf on the original text. */
  readonly readsAtSign: boolean;
}

/** Counts for `patrol rules validate` and the benchmarks. */
export interface RuleSetStats {
  readonly packs: number;
  readonly rules: Readonly<Record<RuleStatus, number>>;
  /** Distinct keywords and phrases after normalisation. */
  readonly keywords: number;
  readonly patterns: number;
  readonly states: number;
  readonly automatonBytes: number;
  /** Where regexes are that no selective literal gates, so they run on most items: worth a `prefilter`. */
  readonly ungatedRegexes: readonly string[];
}

/** Every pack of a rule-set version compiled into one automaton, regexes and indexed rules. */
export interface CompiledRuleSet {
  /** A content hash of the packs: the same packs always give the same version. */
  readonly version: string;
  readonly packs: readonly { readonly name: string; readonly description: string; readonly rules: number }[];
  readonly rules: readonly CompiledRule[];
  readonly stats: RuleSetStats;
  readonly matcher: RuleMatcher;
}

const CACHE_LIMIT = 8;
const compiledByVersion = new Map<string, CompiledRuleSet>();

/**
 * Compiles rule packs, in order, into a rule set; the same packs compile once per process (a warm
 * Lambda reuses the result). Throws RuleSetCompileError listing every problem.
 */
export function compileRuleSet(packs: readonly RulePack[]): CompiledRuleSet {
  const version = ruleSetVersion(packs);
  const cached = compiledByVersion.get(version);
  if (cached !== undefined) return cached;
  const compiled = new RuleSetCompiler(packs).compile(version);
  compiledByVersion.set(version, compiled);
  if (compiledByVersion.size > CACHE_LIMIT) {
    const oldest = compiledByVersion.keys().next().value as string;
    compiledByVersion.delete(oldest);
  }
  return compiled;
}

/** The content hash of packs in order: `rs-` and 20 hex digits of a SHA-256 of their canonical JSON. */
export function ruleSetVersion(packs: readonly RulePack[]): string {
  return `rs-${createHash('sha256').update(canonicalJson(packs)).digest('hex').slice(0, 20)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const PRIORITY_RANK: Record<string, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const ANY_KIND = -1;
const FEATURE_TRIGGER_COST = 8;
/** Ingest gives every item facts, so a text trigger beside a fact test is always the better gate. */
const FACTS_TRIGGER_COST = 64;
const FEATURE_BITS = [TextFeature.digit, TextFeature.at, TextFeature.japanese];
/** A literal set occurring more often than this per character of text costs the scan more than it saves. */
const GATE_FREQUENCY = 0.005;
/** Gates besides the trigger only help once it has fired, so they must cost the scan almost nothing. */
const EXTRA_GATE_FREQUENCY = 0.0001;
const MAX_GATES = 3;
const MAX_CHECKED_LITERALS = 8;

class RuleSetCompiler {
  private readonly problems: string[] = [];
  private readonly patterns: AutomatonPattern[] = [];
  private readonly patternIds = new Map<string, number>();
  private readonly groupPatterns: number[][] = [];
  private readonly groupIds = new Map<string, number>();
  private readonly featureGroupIds = new Map<number, number>();
  private readonly keywordTexts = new Set<string>();
  private readonly regexes: CompiledRegex[] = [];
  private readonly regexIds = new Map<string, number>();
  private readonly detectors: CompiledDetector[] = [];
  private readonly detectorIds = new Map<DetectorName, number>();
  private factsGroupId = -1;
  private readonly ungatedRegexes: string[] = [];

  constructor(private readonly packs: readonly RulePack[]) {}

  compile(version: string): CompiledRuleSet {
    const rules: CompiledRule[] = [];
    const triggers: (readonly number[] | undefined)[] = [];
    const firstPackOfRule = new Map<string, string>();
    const packNames = new Set<string>();
    for (const [packIndex, pack] of this.packs.entries()) {
      if (packNames.has(pack.pack)) this.problems.push(`pack ${pack.pack}: two packs have this name`);
      packNames.add(pack.pack);
      for (const [ruleIndex, rule] of pack.rules.entries()) {
        const where = `pack ${pack.pack} rule ${rule.id} field rules[${ruleIndex}]`;
        const previous = firstPackOfRule.get(rule.id);
        if (previous !== undefined) {
          this.problems.push(
            `${where}.id: rule id ${rule.id} is already used in pack ${previous}; rule ids are unique across packs`,
          );
          continue;
        }
        firstPackOfRule.set(rule.id, pack.pack);
        const condition = this.compileCondition(rule.when, { pack, packIndex, where: `${where}.when` });
        rules.push(compiledRule(rules.length, pack.pack, rule, condition));
        triggers.push(rule.status === 'draft' ? undefined : this.triggersOf(condition));
      }
    }
    if (this.problems.length > 0) throw new RuleSetCompileError(this.problems);
    const automaton = buildAutomaton(this.patterns, classifyCodeUnit, unitLikelihood);
    return {
      version,
      packs: this.packs.map((pack) => ({
        name: pack.pack,
        description: pack.description,
        rules: pack.rules.length,
      })),
      rules,
      stats: {
        packs: this.packs.length,
        rules: {
          live: rules.filter((rule) => rule.status === 'live').length,
          shadow: rules.filter((rule) => rule.status === 'shadow').length,
          draft: rules.filter((rule) => rule.status === 'draft').length,
        },
        keywords: this.keywordTexts.size,
        patterns: automaton.patternCount,
        states: automaton.stateCount,
        automatonBytes: automaton.byteLength,
        ungatedRegexes: this.ungatedRegexes,
      },
      matcher: this.buildMatcher(automaton, rules, triggers),
    };
  }

  private compileCondition(condition: Condition, context: ConditionContext): ConditionNode {
    if ('all' in condition)
      return node(
        Op.all,
        condition.all.map((child, index) => this.compileCondition(child, at(context, `.all[${index}]`))),
      );
    if ('any' in condition)
      return node(
        Op.any,
        condition.any.map((child, index) => this.compileCondition(child, at(context, `.any[${index}]`))),
      );
    if ('not' in condition) return node(Op.not, [this.compileCondition(condition.not, at(context, '.not'))]);
    if ('keywords' in condition) {
      const { set, words, in: fields } = condition.keywords;
      const named =
        set === undefined ? [] : (context.pack.keywordSets?.[set] ?? this.unknownSet(set, context));
      const all = [...named, ...(words ?? [])];
      const key =
        set !== undefined && words === undefined
          ? `set:${context.packIndex}:${set}`
          : `words:${JSON.stringify(all)}`;
      const group = this.keywordGroup(key, all, at(context, '.keywords'));
      return new ConditionNode(Op.keywords, [], group, fieldMaskOf(fields), undefined);
    }
    if ('phrase' in condition) {
      const group = this.keywordGroup(
        `words:${JSON.stringify([condition.phrase])}`,
        [condition.phrase],
        at(context, '.phrase'),
      );
      return new ConditionNode(Op.keywords, [], group, AllTextFields, undefined);
    }
    if ('regex' in condition) {
      const regex = this.regexIndex(condition.regex, at(context, '.regex'));
      return new ConditionNode(Op.regex, [], regex, fieldMaskOf(condition.regex.in), undefined);
    }
    if ('detector' in condition) {
      return new ConditionNode(
        Op.detector,
        [],
        this.detectorIndex(condition.detector),
        AllTextFields,
        undefined,
      );
    }
    if ('field' in condition) {
      const { path, below, atLeast, in: oneOf, present } = condition.field;
      return new ConditionNode(Op.field, [], -1, 0, {
        path: path.split('.'),
        below,
        atLeast,
        oneOf: oneOf === undefined ? undefined : new Set(oneOf),
        present,
      });
    }
    const factTest = compileFactTest(condition);
    if (factTest !== undefined) return new ConditionNode(Op.fact, [], -1, 0, undefined, factTest);
    this.problems.push(
      `${context.where}: ${Object.keys(condition).join(', ')} is not a predicate this engine evaluates`,
    );
    return node(Op.any, []);
  }

  private unknownSet(set: string, context: ConditionContext): string[] {
    this.problems.push(
      `${context.where}.keywords.set: there is no keyword set ${set} in pack ${context.pack.pack}`,
    );
    return [];
  }

  private keywordGroup(key: string, words: readonly string[], context: ConditionContext): number {
    const existing = this.groupIds.get(key);
    if (existing !== undefined) return existing;
    const patterns: number[] = [];
    for (const word of words) {
      const folded = normalise(word).text;
      if (folded === '') {
        this.problems.push(`${context.where}: the keyword ${JSON.stringify(word)} is empty once normalised`);
        continue;
      }
      this.keywordTexts.add(folded);
      patterns.push(this.pattern(folded, wordBoundary(folded)));
    }
    return this.group(key, patterns);
  }

  private regexIndex(
    predicate: { pattern: string; caseInsensitive?: boolean | undefined; prefilter?: string[] | undefined },
    context: ConditionContext,
  ): number {
    const key = `${predicate.caseInsensitive === true ? 'i' : ''}/${predicate.pattern}/${JSON.stringify(predicate.prefilter ?? null)}`;
    const existing = this.regexIds.get(key);
    if (existing !== undefined) return existing;
    let regex: RE2JS;
    try {
      regex = compileRegex(predicate.pattern, predicate.caseInsensitive);
    } catch (error) {
      this.problems.push(`${context.where}.pattern: ${describeRegexError(predicate.pattern, error)}`);
      return -1;
    }
    const needs =
      predicate.prefilter === undefined
        ? regexNeeds(predicate.pattern, predicate.caseInsensitive).sets
        : [{ literals: predicate.prefilter.map(prefilterLiteral), hits: 1, lead: Number.POSITIVE_INFINITY }];
    const ranked = needs
      .map((need) => ({ need, frequency: literalSetFrequency(need.literals) }))
      .map((entry) => ({ ...entry, chance: fieldChance(entry.frequency, entry.need.hits) }))
      .sort((left, right) => left.chance - right.chance);
    // The automaton finds a gate's literals in passing, but every occurrence costs the scan a hit: only
    // literal sets rare in ordinary text become gates (an author's prefilter always does), the rarest
    // of them wakes the rule, and a few more common ones are counted with indexOf just before a run.
    const trigger = ranked.find(
      (entry) => predicate.prefilter !== undefined || entry.frequency <= GATE_FREQUENCY,
    );
    const gates =
      trigger === undefined
        ? []
        : [
            trigger,
            ...ranked
              .filter((entry) => entry !== trigger && entry.frequency <= EXTRA_GATE_FREQUENCY)
              .slice(0, MAX_GATES - 1),
          ];
    const checkedLiterals = ranked
      .filter((entry) => !gates.includes(entry) && entry.need.literals.length <= MAX_CHECKED_LITERALS)
      .slice(0, MAX_GATES)
      .map((entry) => ({
        literals: entry.need.literals.map((literal) => literal.text),
        hits: entry.need.hits,
      }));
    const gateGroups: number[] = [];
    const gateHits: number[] = [];
    let triggerGroup = -1;
    let triggerLead = Number.POSITIVE_INFINITY;
    for (const { need } of gates) {
      const patterns = need.literals
        .filter((literal) => literal.text !== '')
        .map((literal) => this.pattern(literal.text, regexBoundary(literal)));
      if (patterns.length === 0) continue;
      const group = this.group(
        `literals:${JSON.stringify([...new Set(patterns)].sort((left, right) => left - right))}`,
        patterns,
      );
      if (triggerGroup === -1) {
        triggerGroup = group;
        triggerLead = need.lead;
      }
      gateGroups.push(group);
      gateHits.push(need.hits);
    }
    // The engine's own prefilter scans the whole text in JavaScript before every run; the automaton's
    // hits and a few indexOf calls above do that job once per item, more cheaply.
    withoutEnginePrefilter(regex);
    if (gateGroups.length === 0) this.ungatedRegexes.push(`${context.where}.pattern`);
    this.regexes.push({
      regex,
      triggerGroup,
      triggerLead,
      gateGroups: Int32Array.from(gateGroups),
      gateHits: Int32Array.from(gateHits),
      checkedLiterals,
    });
    this.regexIds.set(key, this.regexes.length - 1);
    return this.regexes.length - 1;
  }

  private detectorIndex(name: DetectorName): number {
    const existing = this.detectorIds.get(name);
    if (existing !== undefined) return existing;
    const detector = Detectors[name];
    const literalPatterns = detector.triggers.flatMap((trigger) => {
      const folded = normalise(trigger.text).text;
      return folded === '' ? [] : [this.pattern(folded, triggerBoundary(trigger, folded))];
    });
    const literalGroup = literalPatterns.length === 0 ? -1 : this.group(`detector:${name}`, literalPatterns);
    const featureGroups = FEATURE_BITS.filter((bit) => (detector.features & bit) !== 0).map((bit) =>
      this.featureGroup(bit),
    );
    const triggerGroups = Int32Array.from([...(literalGroup === -1 ? [] : [literalGroup]), ...featureGroups]);
    this.detectors.push({ detector, literalGroup, triggerGroups });
    this.detectorIds.set(name, this.detectors.length - 1);
    return this.detectors.length - 1;
  }

  private featureGroup(bit: number): number {
    const existing = this.featureGroupIds.get(bit);
    if (existing !== undefined) return existing;
    const group = this.group(`feature:${bit}`, []);
    this.featureGroupIds.set(bit, group);
    return group;
  }

  private factsGroup(): number {
    if (this.factsGroupId === -1) this.factsGroupId = this.group('facts', []);
    return this.factsGroupId;
  }

  private pattern(text: string, boundary: number): number {
    const key = `${boundary}:${text}`;
    const existing = this.patternIds.get(key);
    if (existing !== undefined) return existing;
    this.patterns.push({ text, boundary });
    this.patternIds.set(key, this.patterns.length - 1);
    return this.patterns.length - 1;
  }

  private group(key: string, patterns: readonly number[]): number {
    const existing = this.groupIds.get(key);
    if (existing !== undefined) return existing;
    this.groupPatterns.push([...new Set(patterns)]);
    this.groupIds.set(key, this.groupPatterns.length - 1);
    return this.groupPatterns.length - 1;
  }

  /**
   * Groups of which at least one must be hit for the condition to hold, or undefined when nothing
   * gates it (the rule then always runs). `all` needs only its cheapest gated child; `any` needs every child gated.
   */
  private triggersOf(condition: ConditionNode): readonly number[] | undefined {
    switch (condition.op) {
      case Op.keywords:
        return [condition.ref];
      case Op.regex: {
        const regex = this.regexes[condition.ref];
        return regex === undefined || regex.triggerGroup === -1 ? undefined : [regex.triggerGroup];
      }
      case Op.detector:
        return [...(this.detectors[condition.ref]?.triggerGroups ?? [])];
      case Op.fact:
        // A fact test that fails without facts (most do) runs only for items given facts or scores.
        return condition.factTest !== undefined && !testFact(condition.factTest, undefined)
          ? [this.factsGroup()]
          : undefined;
      case Op.all: {
        let best: readonly number[] | undefined;
        for (const child of condition.children) {
          const gate = this.triggersOf(child);
          if (gate !== undefined && (best === undefined || this.costOf(gate) < this.costOf(best)))
            best = gate;
        }
        return best;
      }
      case Op.any: {
        const union = new Set<number>();
        for (const child of condition.children) {
          const gate = this.triggersOf(child);
          if (gate === undefined) return undefined;
          for (const group of gate) union.add(group);
        }
        return [...union];
      }
      default:
        return undefined;
    }
  }

  private costOf(groups: readonly number[]): number {
    const features = new Set(this.featureGroupIds.values());
    return groups.reduce(
      (total, group) =>
        total +
        (group === this.factsGroupId ? FACTS_TRIGGER_COST : features.has(group) ? FEATURE_TRIGGER_COST : 1),
      0,
    );
  }

  private buildMatcher(
    automaton: Automaton,
    rules: readonly CompiledRule[],
    triggers: readonly (readonly number[] | undefined)[],
  ): RuleMatcher {
    const groupCount = this.groupPatterns.length;
    const patternToGroups: number[][] = this.patterns.map(() => []);
    this.groupPatterns.forEach((patterns, group) => {
      for (const pattern of patterns) patternToGroups[pattern]?.push(group);
    });
    const groupToRules: number[][] = this.groupPatterns.map(() => []);
    const ungated: number[] = [];
    for (const rule of rules) {
      if (rule.status === 'draft') continue;
      const gate = triggers[rule.index];
      if (gate === undefined) ungated.push(rule.index);
      else for (const group of new Set(gate)) groupToRules[group]?.push(rule.index);
    }
    const [patternGroupStart, patternGroups] = toOffsets(patternToGroups);
    const [groupRuleStart, groupRules] = toOffsets(groupToRules);
    const featureGroups = Int32Array.from(
      { length: 32 },
      (_, bit) => this.featureGroupIds.get(1 << bit) ?? -1,
    );
    return {
      automaton,
      groupCount,
      patternGroupStart,
      patternGroups,
      groupRuleStart,
      groupRules,
      featureGroups,
      ungatedRules: Int32Array.from(ungated),
      factsGroup: this.factsGroupId,
      regexes: this.regexes,
      detectors: this.detectors,
      readsAtSign: this.featureGroupIds.has(TextFeature.at),
    };
  }
}

interface ConditionContext {
  readonly pack: RulePack;
  readonly packIndex: number;
  readonly where: string;
}

function at(context: ConditionContext, suffix: string): ConditionContext {
  return { ...context, where: `${context.where}${suffix}` };
}

function node(op: number, children: readonly ConditionNode[]): ConditionNode {
  return new ConditionNode(op, children, -1, 0, undefined);
}

function compiledRule(index: number, pack: string, rule: Rule, condition: ConditionNode): CompiledRule {
  const priority = rule.action.type === 'review' ? (PRIORITY_RANK[rule.action.priority] ?? 3) : 3;
  return {
    index,
    pack,
    id: rule.id,
    clause: rule.clause,
    status: rule.status,
    severity: rule.severity,
    action: rule.action,
    kindMask:
      rule.kinds === undefined ? ANY_KIND : rule.kinds.reduce((mask, kind) => mask | kindBit(kind), 0),
    locales: rule.locales?.map((locale) => locale.toLowerCase()),
    expiresAt:
      rule.expires === undefined
        ? Number.POSITIVE_INFINITY
        : Date.parse(`${rule.expires}T00:00:00Z`) + 86_400_000,
    condition,
    urgency: priority * 4 + SEVERITY_RANK[rule.severity],
  };
}

/** The bit of a content kind in a rule's kind mask; 0 for a kind this build does not know. */
export function kindBit(kind: string): number {
  const index = (ContentKinds as readonly string[]).indexOf(kind);
  return index === -1 ? 0 : 1 << index;
}

function fieldMaskOf(fields: readonly string[] | undefined): number {
  if (fields === undefined) return AllTextFields;
  return fields.reduce(
    (mask, field) => mask | (1 << (TextFieldNames as readonly string[]).indexOf(field)),
    0,
  );
}

function wordBoundary(text: string): number {
  return (
    (needsBoundary(text.charCodeAt(0)) ? BoundaryLeft : 0) |
    (needsBoundary(text.charCodeAt(text.length - 1)) ? BoundaryRight : 0)
  );
}

function triggerBoundary(trigger: DetectorTrigger, folded: string): number {
  if (trigger.boundary === 'none') return 0;
  if (trigger.boundary === 'left') return needsBoundary(folded.charCodeAt(0)) ? BoundaryLeft : 0;
  return wordBoundary(folded);
}

/** How often text holds a code unit after another (-1: at the start), by the literal-frequency model. */
function unitLikelihood(previous: number, unit: number): number {
  return previous === -1 ? characterFrequency(unit) : continuationFrequency(previous, unit);
}

/** A prefilter literal as the normaliser folds it; the author vouches for it, boundaries aside. */
function prefilterLiteral(literal: string): NeededLiteral {
  return { text: normalise(literal).text, wordStart: false, wordEnd: false };
}

function regexBoundary(literal: NeededLiteral): number {
  return (literal.wordStart ? RegexBoundaryLeft : 0) | (literal.wordEnd ? RegexBoundaryRight : 0);
}

function toOffsets(lists: readonly (readonly number[])[]): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => {
    start[index + 1] = (start[index] as number) + list.length;
  });
  const values = new Int32Array(start[lists.length] as number);
  lists.forEach((list, index) => {
    values.set(list, start[index] as number);
  });
  return [start, values];
}

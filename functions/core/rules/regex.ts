import { RE2JS, RE2JSException } from 're2js';

/** Compiles a rule's regex with the linear-time engine; throws the engine's error when it cannot. */
export function compileRegex(pattern: string, caseInsensitive = false): RE2JS {
  return RE2JS.compile(pattern, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
}

const UNSUPPORTED = [
  { pattern: /\(\?<?[=!]/, name: 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!)' },
  { pattern: /\\[1-9]/, name: 'backreferences (\\1)' },
  { pattern: /\(\?>/, name: 'atomic groups ((?>)' },
  { pattern: /[*+?}][+]/, name: 'possessive quantifiers (*+, ++)' },
];

/** The engine's flag for a search that may start anywhere from the given position. */
const UNANCHORED = 0;

/**
 * Whether the regex matches `text` at or after `from`; what comes before still counts for `\b` and
 * `^`. Runs on the engine's DFA, like `test`.
 */
export function matchesFrom(regex: RE2JS, text: string, from: number): boolean {
  if (from <= 0) return regex.test(text);
  return regex.re2().matchWithGroup(text, from, text.length, UNANCHORED, 0)[0] === true;
}

/** Explains why a regex was refused, in words a rule author can act on. */
export function describeRegexError(pattern: string, error: unknown): string {
  const detail =
    error instanceof RE2JSException ? error.message.replace(/^error parsing regexp: /, '') : String(error);
  const unsupported = UNSUPPORTED.filter((entry) => entry.pattern.test(pattern)).map((entry) => entry.name);
  const hint =
    unsupported.length > 0
      ? `; rules run in linear time, so ${unsupported.join(' and ')} are not available`
      : '';
  return `this regular expression cannot be compiled (${detail})${hint}`;
}

/** What a regex needs in the text before it is worth running: every set must have one literal present. */
export interface RegexGate {
  /** Literal sets, all required; within a set, any one literal will do. Empty when nothing is required. */
  readonly literalSets: string[][];
  /**
   * Per set, how many occurrences of its literals a match holds at least: `(?:one|two){7,}` needs
   * seven, because each repetition is a separate stretch of text holding one of them.
   */
  readonly minimumHits: number[];
}

/**
 * The literals a regex predicate needs, as they appear in normalised text, read from the engine's
 * own prefilter analysis. Text is lower-cased by the normaliser, so a case-insensitive regex uses
 * its case-sensitive twin's literals, lower-cased.
 */
export function regexGate(predicate: { pattern: string; caseInsensitive?: boolean | undefined }): RegexGate {
  try {
    const prefilter = prefilterOf(compileRegex(predicate.pattern));
    if (prefilter === undefined) return { literalSets: [], minimumHits: [] };
    const parts = prefilter.type === AND ? (prefilter.subs ?? []) : [prefilter];
    const counted = new Map<string, { literals: string[]; hits: number }>();
    for (const part of parts) {
      const found = literalsOf(part);
      if (found === undefined) continue;
      const literals =
        predicate.caseInsensitive === true ? found.map((literal) => literal.toLowerCase()) : found;
      const key = JSON.stringify([...literals].sort());
      const seen = counted.get(key);
      if (seen === undefined) counted.set(key, { literals, hits: 1 });
      else seen.hits++;
    }
    const sets = [...counted.values()];
    return { literalSets: sets.map((set) => set.literals), minimumHits: sets.map((set) => set.hits) };
  } catch {
    return { literalSets: [], minimumHits: [] };
  }
}

/** The literal set that fires least often on ordinary text: few, long literals. */
export function mostSelective(literalSets: readonly (readonly string[])[]): readonly string[] | undefined {
  let best: readonly string[] | undefined;
  for (const literals of literalSets)
    if (best === undefined || selectivity(literals) > selectivity(best)) best = literals;
  return best;
}

/** Drops the engine's own prefilter, once the automaton's hits stand in for it. */
export function withoutEnginePrefilter(regex: RE2JS): RE2JS {
  (regex.re2() as { prefilter?: PrefilterNode | null }).prefilter = null;
  return regex;
}

/** Literals of which at least one appears in any text the regex matches; undefined when there is none. */
export function regexLiterals(predicate: {
  pattern: string;
  caseInsensitive?: boolean | undefined;
}): readonly string[] | undefined {
  return mostSelective(regexGate(predicate).literalSets);
}

/**
 * When every literal a regex needs holds a letter the normaliser never leaves in place (capitals,
 * katakana, full-width letters...), the regex can never match: returns one such literal and how it
 * reads once normalised.
 */
export function unreachableLiteral(
  literals: readonly string[] | undefined,
  fold: (text: string) => string,
): { literal: string; folded: string } | undefined {
  if (literals === undefined || literals.length === 0) return undefined;
  for (const literal of literals) {
    const changed = [...literal].some((character) => LETTER.test(character) && fold(character) !== character);
    if (!changed) return undefined;
  }
  const literal = literals[0] as string;
  return { literal, folded: fold(literal) };
}

const LETTER = /^\p{L}$/u;

interface PrefilterNode {
  type: number;
  str?: string;
  subs?: PrefilterNode[];
}

const EXACT = 1;
const AND = 2;
const OR = 3;

function prefilterOf(regex: RE2JS): PrefilterNode | undefined {
  return (regex.re2() as { prefilter?: PrefilterNode | null }).prefilter ?? undefined;
}

function literalsOf(node: PrefilterNode): string[] | undefined {
  switch (node.type) {
    case EXACT:
      return node.str === undefined || node.str === '' ? undefined : [node.str];
    case OR: {
      const union: string[] = [];
      for (const sub of node.subs ?? []) {
        const literals = literalsOf(sub);
        if (literals === undefined) return undefined;
        union.push(...literals);
      }
      return union.length === 0 ? undefined : [...new Set(union)];
    }
    case AND: {
      const sets = (node.subs ?? [])
        .map(literalsOf)
        .filter((literals): literals is string[] => literals !== undefined);
      const best = mostSelective(sets);
      return best === undefined ? undefined : [...best];
    }
    default:
      return undefined;
  }
}

/** Prefers few, long literals: they fire least often on ordinary text. */
function selectivity(literals: readonly string[]): number {
  const shortest = Math.min(...literals.map((literal) => literal.length));
  return shortest * 16 - literals.length;
}

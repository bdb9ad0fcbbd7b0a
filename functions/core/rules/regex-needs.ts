import { literalSetFrequency } from './literal-frequency.ts';
import { MAX_CODE_POINT, type RegexNode, readRegex } from './regex-syntax.ts';
import { isRegexWordUnit } from './word-boundary.ts';

/**
 * A literal that text must hold for a regex to match, with the word boundaries (RE2's `\b`: ASCII
 * letters, digits and underscore) the regex guarantees at its ends. `wordStart` is only set when the
 * literal starts with a word character, `wordEnd` only when it ends with one.
 */
export interface NeededLiteral {
  readonly text: string;
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

/**
 * Literals of which every match holds at least `hits` occurrences that do not overlap, one of them
 * starting at most `lead` code units after the match starts (Infinity when unbounded).
 */
export interface NeededLiterals {
  readonly literals: readonly NeededLiteral[];
  readonly hits: number;
  readonly lead: number;
}

/** What any match of a regex needs: all of `sets`, and at most `maxLength` UTF-16 code units. */
export interface RegexNeeds {
  readonly sets: readonly NeededLiterals[];
  /** Infinity when a match can be as long as the text. */
  readonly maxLength: number;
}

/** The most strings a set of alternatives may hold before it is shortened or given up. */
const MAX_SET = 64;
/** Longer literals are no rarer in practice, only slower to join: prefixes, suffixes and needs are cut. */
const MAX_LITERAL_LENGTH = 24;
/** A character class of at most this many characters is spelled out into its characters. */
const MAX_CLASS = 16;
/** The most literal sets kept per node, the rarest first. */
const MAX_NEEDS = 12;
/** How many of each side's needs an alternation pairs up. */
const DISTRIBUTED_NEEDS = 4;

/**
 * Works out the literals every match of a regex holds, seeing through small character classes,
 * optional parts, repetitions and word boundaries. Returns no sets for syntax it does not follow.
 */
export function regexNeeds(pattern: string, caseInsensitive = false): RegexNeeds {
  const tree = readRegex(pattern, caseInsensitive);
  if (tree === undefined) return { sets: [], maxLength: Number.POSITIVE_INFINITY };
  const info = new Analysis().analyse(tree, false, false);
  return {
    sets: allNeeds(info).flatMap((need) => {
      const literals = publish(need.literals);
      return literals === undefined ? [] : [{ literals, hits: need.hits, lead: need.lead }];
    }),
    maxLength: info.maxLength,
  };
}

/**
 * A candidate string with what holds at its ends: `left` says that if it starts with a word
 * character, the character before is not one (and `right` likewise after its end). An empty string
 * keeps `left === right`, the boundary at its one position.
 */
interface Lit {
  readonly text: string;
  readonly left: boolean;
  readonly right: boolean;
}

/** A candidate string; on a non-empty one a boundary is only kept at an end that is a word character. */
function lit(text: string, left: boolean, right: boolean): Lit {
  if (text === '') return { text, left: left || right, right: left || right };
  return { text, left: left && startsWithWord(text), right: right && endsWithWord(text) };
}

interface Need {
  readonly literals: readonly Lit[];
  readonly hits: number;
  /** Code units from the start of the node's match to the start of one occurrence, at most. */
  readonly lead: number;
}

/** What is known of the matches of one node. */
interface Info {
  readonly minLength: number;
  readonly maxLength: number;
  /** Every string the node matches, when few enough to list. */
  readonly exact: readonly Lit[] | undefined;
  /** Every match starts with one of these (when `exact` is undefined); undefined when unknown. */
  readonly prefix: readonly Lit[] | undefined;
  readonly suffix: readonly Lit[] | undefined;
  /** Needs whose occurrences lie within the node's match. */
  readonly needs: readonly Need[];
}

/**
 * How a node's matches meet a word boundary at one end: every match asserts one there (`yes`: a
 * `\b`, or a character that is not a word character), or may instead be empty and leave it to its
 * neighbour (`transparent`), or neither (`no`).
 */
const Edge = { no: 0, transparent: 1, yes: 2 } as const;
type Edge = (typeof Edge)[keyof typeof Edge];

class Analysis {
  private readonly starts = new Map<RegexNode, Edge>();
  private readonly ends = new Map<RegexNode, Edge>();

  /** `left`/`right`: whether the text around the node guarantees a boundary at that end. */
  analyse(node: RegexNode, left: boolean, right: boolean): Info {
    switch (node.kind) {
      case 'chars':
        return charsInfo(node.ranges, left, right);
      case 'empty':
        return exactInfo([{ text: '', left: false, right: false }], 0, 0);
      case 'wordBoundary':
        return exactInfo([{ text: '', left: true, right: true }], 0, 0);
      case 'concat':
        return this.concat(node.items, left, right);
      case 'alternate':
        return node.items
          .map((item) => this.analyse(item, left, right))
          .reduce((combined, next) => alternate(combined, next));
      case 'repeat':
        return this.repeat(node.item, node.min, node.max, left, right);
    }
  }

  private concat(items: readonly RegexNode[], left: boolean, right: boolean): Info {
    const lefts: boolean[] = [];
    let before = left;
    for (const item of items) {
      lefts.push(before);
      before = follow(this.edge(item, 'end'), before);
    }
    const rights: boolean[] = new Array(items.length);
    let after = right;
    for (let index = items.length - 1; index >= 0; index--) {
      rights[index] = after;
      after = follow(this.edge(items[index] as RegexNode, 'start'), after);
    }
    return items
      .map((item, index) => this.analyse(item, lefts[index] as boolean, rights[index] as boolean))
      .reduce((combined, next) => concat(combined, next));
  }

  private repeat(item: RegexNode, min: number, max: number, left: boolean, right: boolean): Info {
    // Later copies follow earlier ones: a boundary holds between them only if the copy asserts it.
    const inner =
      max <= 1
        ? this.analyse(item, left, right)
        : this.analyse(
            item,
            left && this.edge(item, 'end') !== Edge.no,
            right && this.edge(item, 'start') !== Edge.no,
          );
    const maxLength =
      max === Number.POSITIVE_INFINITY
        ? inner.maxLength === 0
          ? 0
          : Number.POSITIVE_INFINITY
        : inner.maxLength * max;
    const minLength = inner.minLength * min;
    if (min === 0) {
      if (max === 1 && inner.exact !== undefined) {
        const exact = union(inner.exact, [{ text: '', left: false, right: false }]);
        if (exact !== undefined) return { ...exactInfo(exact, 0, inner.maxLength) };
      }
      // A match is empty or starts (and ends) like one of the item's: the empty string marks the first.
      const empty = [lit('', false, false)];
      const start = inner.exact ?? inner.prefix;
      const end = inner.exact ?? inner.suffix;
      return {
        minLength: 0,
        maxLength,
        exact: undefined,
        prefix: start && shorten(union(start, empty) ?? undefined, 'prefix'),
        suffix: end && shorten(union(end, empty) ?? undefined, 'suffix'),
        needs: [],
      };
    }
    const needs = allNeeds(inner).map((need) => ({ ...need, hits: need.hits * min }));
    if (min === max && inner.exact !== undefined) {
      let exact: readonly Lit[] | undefined = inner.exact;
      for (let copy = 1; copy < min && exact !== undefined; copy++) exact = cross(exact, inner.exact);
      if (exact !== undefined)
        return { minLength, maxLength, exact, prefix: undefined, suffix: undefined, needs };
    }
    return {
      minLength,
      maxLength,
      exact: undefined,
      prefix: shorten(inner.exact ?? inner.prefix, 'prefix'),
      suffix: shorten(inner.exact ?? inner.suffix, 'suffix'),
      needs: rarest(needs),
    };
  }

  private edge(node: RegexNode, side: 'start' | 'end'): Edge {
    const memo = side === 'start' ? this.starts : this.ends;
    const known = memo.get(node);
    if (known !== undefined) return known;
    const edge = this.computeEdge(node, side);
    memo.set(node, edge);
    return edge;
  }

  private computeEdge(node: RegexNode, side: 'start' | 'end'): Edge {
    switch (node.kind) {
      case 'chars':
        return hasWordCharacter(node.ranges) ? Edge.no : Edge.yes;
      case 'empty':
        return Edge.transparent;
      case 'wordBoundary':
        return Edge.yes;
      case 'concat': {
        const ordered = side === 'end' ? [...node.items].reverse() : node.items;
        for (const item of ordered) {
          const edge = this.edge(item, side);
          if (edge !== Edge.transparent) return edge;
        }
        return Edge.transparent;
      }
      case 'alternate':
        return node.items.reduce<Edge>(
          (worst, item) => Math.min(worst, this.edge(item, side)) as Edge,
          Edge.yes,
        );
      case 'repeat': {
        const edge = this.edge(node.item, side);
        if (edge === Edge.no) return Edge.no;
        return node.min === 0 ? Edge.transparent : edge;
      }
    }
  }
}

/** Whether a boundary holds before a node, given its predecessor's edge and what held before that. */
function follow(edge: Edge, before: boolean): boolean {
  return edge === Edge.yes || (edge === Edge.transparent && before);
}

function charsInfo(ranges: readonly number[], left: boolean, right: boolean): Info {
  let size = 0;
  let astral = false;
  for (let index = 0; index < ranges.length; index += 2) {
    size += (ranges[index + 1] as number) - (ranges[index] as number) + 1;
    if ((ranges[index + 1] as number) > 0xffff) astral = true;
  }
  const maxLength = astral ? 2 : 1;
  if (size > MAX_CLASS || size === 0) {
    return { minLength: 1, maxLength, exact: undefined, prefix: undefined, suffix: undefined, needs: [] };
  }
  const exact: Lit[] = [];
  for (let index = 0; index < ranges.length; index += 2) {
    for (let point = ranges[index] as number; point <= (ranges[index + 1] as number); point++) {
      exact.push(lit(String.fromCodePoint(point), left, right));
    }
  }
  return exactInfo(exact, 1, maxLength);
}

function exactInfo(exact: readonly Lit[], minLength: number, maxLength: number): Info {
  return { minLength, maxLength, exact, prefix: undefined, suffix: undefined, needs: [] };
}

function concat(x: Info, y: Info): Info {
  const minLength = x.minLength + y.minLength;
  const maxLength = x.maxLength + y.maxLength;
  if (x.exact !== undefined && y.exact !== undefined) {
    const exact = cross(x.exact, y.exact);
    if (exact !== undefined) {
      return {
        minLength,
        maxLength,
        exact,
        prefix: undefined,
        suffix: undefined,
        needs: sumNeeds(x.needs, y.needs, x.maxLength),
      };
    }
  }
  const xEnd = x.exact ?? x.suffix;
  const yStart = y.exact ?? y.prefix;
  // A part that may match nothing lets the other's start (or end) show through.
  const prefix =
    x.exact !== undefined
      ? yStart === undefined
        ? x.exact
        : crossCutting(x.exact, yStart, 'right')
      : x.minLength > 0
        ? x.prefix
        : x.prefix && yStart && shorten([...nonEmpty(x.prefix), ...yStart], 'prefix');
  const suffix =
    y.exact !== undefined
      ? xEnd === undefined
        ? y.exact
        : crossCutting(xEnd, y.exact, 'left')
      : y.minLength > 0
        ? y.suffix
        : y.suffix && xEnd && shorten([...nonEmpty(y.suffix), ...xEnd], 'suffix');
  // The two parts match text that does not overlap, so their needs add up; the text across the join
  // is a need of its own.
  const across = xEnd === undefined || yStart === undefined ? undefined : crossCutting(xEnd, yStart, 'both');
  return {
    minLength,
    maxLength,
    exact: undefined,
    prefix: shorten(prefix, 'prefix'),
    suffix: shorten(suffix, 'suffix'),
    needs: rarest(maxNeeds(sumNeeds(allNeeds(x), allNeeds(y), x.maxLength), needOf(across, x.maxLength))),
  };
}

/**
 * `left` followed by `right`, cutting the strings of one side (`right` from its end, `left` from its
 * start, or both) until the product is small enough; what remains is still in every match.
 */
function crossCutting(
  left: readonly Lit[],
  right: readonly Lit[],
  cut: 'left' | 'right' | 'both',
): Lit[] | undefined {
  const whole = cross(left, right);
  if (whole !== undefined) return whole;
  const longest = (literals: readonly Lit[]): number =>
    Math.max(0, ...literals.map((literal) => literal.text.length));
  if (cut !== 'right') {
    for (let length = longest(left) - 1; length >= 1; length--) {
      const shortLeft = cutTo(left, length, 'suffix');
      const joined = shortLeft && cross(shortLeft, right);
      if (joined !== undefined) return joined;
    }
  }
  if (cut !== 'left') {
    const shortLeft = cut === 'both' ? cutTo(left, 1, 'suffix') : left;
    for (let length = longest(right) - 1; length >= 0 && shortLeft !== undefined; length--) {
      const shortRight = cutTo(right, length, 'prefix');
      const joined = shortRight && cross(shortLeft, shortRight);
      if (joined !== undefined) return joined;
    }
  }
  return undefined;
}

function alternate(x: Info, y: Info): Info {
  const minLength = Math.min(x.minLength, y.minLength);
  const maxLength = Math.max(x.maxLength, y.maxLength);
  if (x.exact !== undefined && y.exact !== undefined) {
    const exact = union(x.exact, y.exact);
    if (exact !== undefined) {
      return {
        minLength,
        maxLength,
        exact,
        prefix: undefined,
        suffix: undefined,
        needs: distribute(x.needs, y.needs),
      };
    }
  }
  const xStart = x.exact ?? x.prefix;
  const yStart = y.exact ?? y.prefix;
  const xEnd = x.exact ?? x.suffix;
  const yEnd = y.exact ?? y.suffix;
  return {
    minLength,
    maxLength,
    exact: undefined,
    prefix: xStart && yStart && shorten([...xStart, ...yStart], 'prefix'),
    suffix: xEnd && yEnd && shorten([...xEnd, ...yEnd], 'suffix'),
    needs: distribute(allNeeds(x), allNeeds(y)),
  };
}

/**
 * A node's needs with its exact strings, prefix and suffix added as needs of their own; a prefix and
 * a suffix that cannot overlap within the shortest match add up.
 */
function allNeeds(info: Info): Need[] {
  if (info.exact !== undefined) return rarest(maxNeeds(info.needs, needOf(info.exact, 0)));
  const start = needOf(info.prefix, 0);
  const end = needOf(info.suffix, info.maxLength - shortestText(info.suffix));
  const apart = longestText(info.prefix) + longestText(info.suffix) <= info.minLength;
  return rarest(maxNeeds(info.needs, apart ? sumNeeds(start, end, 0) : [...start, ...end]));
}

function nonEmpty(literals: readonly Lit[]): Lit[] {
  return literals.filter((literal) => literal.text !== '');
}

function longestText(literals: readonly Lit[] | undefined): number {
  return literals === undefined ? 0 : Math.max(0, ...literals.map((literal) => literal.text.length));
}

function shortestText(literals: readonly Lit[] | undefined): number {
  return literals === undefined || literals.length === 0
    ? 0
    : Math.min(...literals.map((literal) => literal.text.length));
}

/** A set of strings as a need, unless it holds the empty string (which any text holds). */
function needOf(literals: readonly Lit[] | undefined, lead: number): Need[] {
  if (literals === undefined || literals.length === 0) return [];
  const shortened = shorten(literals, 'prefix');
  if (shortened === undefined || shortened.some((literal) => literal.text === '')) return [];
  return [{ literals: shortened, hits: 1, lead }];
}

/** `(a and b) or (c and d)` as `(a or c) and (a or d) and (b or c) and (b or d)`. */
function distribute(left: readonly Need[], right: readonly Need[]): Need[] {
  const needs: Need[] = [];
  // The rarest sets of each side make the rarest unions; pairing only those keeps long alternations quick.
  for (const one of rarestFew(left)) {
    for (const other of rarestFew(right)) {
      const literals = shorten([...one.literals, ...other.literals], 'prefix');
      if (literals !== undefined) {
        needs.push({ literals, hits: Math.min(one.hits, other.hits), lead: Math.max(one.lead, other.lead) });
      }
    }
  }
  return rarest(maxNeeds([], needs));
}

/**
 * Needs of two parts that do not overlap, the second starting at most `shift` code units after the
 * first: occurrences of one set in both add up. Each list holds a set at most once.
 */
function sumNeeds(left: readonly Need[], right: readonly Need[], shift: number): Need[] {
  const byKey = new Map<string, Need>();
  for (const need of left) byKey.set(keyOf(need.literals), need);
  for (const need of right) {
    const key = keyOf(need.literals);
    const seen = byKey.get(key);
    const lead = need.lead + shift;
    byKey.set(
      key,
      seen === undefined
        ? { ...need, lead }
        : { literals: need.literals, hits: seen.hits + need.hits, lead: Math.min(seen.lead, lead) },
    );
  }
  return [...byKey.values()];
}

/** Needs that may overlap: of one set, the larger count and the nearer occurrence both hold. */
function maxNeeds(left: readonly Need[], right: readonly Need[]): Need[] {
  const byKey = new Map<string, Need>();
  for (const need of [...left, ...right]) {
    const key = keyOf(need.literals);
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen === undefined
        ? need
        : {
            literals: need.literals,
            hits: Math.max(seen.hits, need.hits),
            lead: Math.min(seen.lead, need.lead),
          },
    );
  }
  return [...byKey.values()];
}

/** At most MAX_NEEDS needs, the rarest first. */
function rarest(needs: readonly Need[]): Need[] {
  if (needs.length <= MAX_NEEDS) return [...needs];
  return [...needs]
    .map((need) => ({ need, frequency: frequencyOf(need.literals) }))
    .sort((left, right) => left.frequency - right.frequency)
    .slice(0, MAX_NEEDS)
    .map((entry) => entry.need);
}

function rarestFew(needs: readonly Need[]): readonly Need[] {
  if (needs.length <= DISTRIBUTED_NEEDS) return needs;
  return [...needs]
    .sort((one, other) => frequencyOf(one.literals) - frequencyOf(other.literals))
    .slice(0, DISTRIBUTED_NEEDS);
}

// Sets are compared and ranked over and over while a long pattern folds; each is worked out once.
const frequencies = new WeakMap<readonly Lit[], number>();
const keys = new WeakMap<readonly Lit[], string>();

function frequencyOf(literals: readonly Lit[]): number {
  let frequency = frequencies.get(literals);
  if (frequency === undefined) {
    frequency = literalSetFrequency(publish(literals) ?? []);
    frequencies.set(literals, frequency);
  }
  return frequency;
}

function keyOf(literals: readonly Lit[]): string {
  let key = keys.get(literals);
  if (key === undefined) {
    key = literals
      .map((literal) => `${literal.left ? '<' : ''}${literal.text}${literal.right ? '>' : ''}`)
      .sort()
      .join('\u0000');
    keys.set(literals, key);
  }
  return key;
}

/** Every string of `left` followed by one of `right`; undefined when there would be too many. */
function cross(left: readonly Lit[], right: readonly Lit[]): Lit[] | undefined {
  if (left.length * right.length > MAX_SET * 4) return undefined;
  const joined: Lit[] = [];
  for (const first of left) {
    for (const second of right) {
      const literal = join(first, second);
      if (literal !== undefined) joined.push(literal);
    }
  }
  return union(joined, []);
}

/** Two strings one after the other, or undefined when the boundaries they assert cannot both hold. */
function join(first: Lit, second: Lit): Lit | undefined {
  if (first.text === '')
    return lit(second.text, first.left || second.left, second.right || (second.text === '' && first.left));
  if (second.text === '') return lit(first.text, first.left, first.right || second.left);
  if ((first.right || second.left) && endsWithWord(first.text) && startsWithWord(second.text))
    return undefined;
  return lit(first.text + second.text, first.left, second.right);
}

/** The strings of both sets once each (a string kept with the weaker boundaries); undefined when too many. */
function union(left: readonly Lit[], right: readonly Lit[]): Lit[] | undefined {
  const byText = new Map<string, Lit>();
  for (const literal of [...left, ...right]) {
    const seen = byText.get(literal.text);
    byText.set(
      literal.text,
      seen === undefined
        ? literal
        : { text: literal.text, left: seen.left && literal.left, right: seen.right && literal.right },
    );
  }
  return byText.size > MAX_SET ? undefined : [...byText.values()];
}

/**
 * Keeps a prefix (or suffix) set small: while it has too many strings, cuts each by one character at
 * its far end, which stays true of every match. Undefined when even single characters are too many.
 */
function shorten(literals: readonly Lit[] | undefined, end: 'prefix' | 'suffix'): readonly Lit[] | undefined {
  if (literals === undefined) return undefined;
  const longest = Math.max(0, ...literals.map((literal) => literal.text.length));
  if (
    longest <= MAX_LITERAL_LENGTH &&
    literals.length <= MAX_SET &&
    new Set(literals.map((literal) => literal.text)).size === literals.length
  )
    return literals;
  for (let length = Math.min(longest, MAX_LITERAL_LENGTH); length >= 1; length--) {
    const cut = cutTo(literals, length, end);
    if (cut !== undefined) return cut;
  }
  return undefined;
}

/**
 * Each string cut to at most `length` characters, keeping its start (`prefix`) or its end (`suffix`);
 * undefined when that leaves more than MAX_SET strings. A cut end no longer promises a boundary.
 */
function cutTo(literals: readonly Lit[], length: number, keep: 'prefix' | 'suffix'): Lit[] | undefined {
  const byText = new Map<string, Lit>();
  for (const literal of literals) {
    let cut = literal;
    if (literal.text.length > length) {
      cut =
        keep === 'prefix'
          ? lit(literal.text.slice(0, length), literal.left, false)
          : lit(literal.text.slice(literal.text.length - length), false, literal.right);
    }
    const seen = byText.get(cut.text);
    byText.set(
      cut.text,
      seen === undefined
        ? cut
        : { text: cut.text, left: seen.left && cut.left, right: seen.right && cut.right },
    );
    if (byText.size > MAX_SET) return undefined;
  }
  return [...byText.values()];
}

/** The literals as published: boundaries only at ends that are word characters; undefined if one is empty. */
function publish(literals: readonly Lit[]): NeededLiteral[] | undefined {
  const published: NeededLiteral[] = [];
  for (const literal of literals) {
    if (literal.text === '') return undefined;
    published.push({
      text: literal.text,
      wordStart: literal.left && startsWithWord(literal.text),
      wordEnd: literal.right && endsWithWord(literal.text),
    });
  }
  return published;
}

function startsWithWord(text: string): boolean {
  return isRegexWordUnit(text.codePointAt(0) ?? -1);
}

function endsWithWord(text: string): boolean {
  return isRegexWordUnit(text.charCodeAt(text.length - 1));
}

function hasWordCharacter(ranges: readonly number[]): boolean {
  for (let index = 0; index < ranges.length; index += 2) {
    const low = ranges[index] as number;
    const high = Math.min(ranges[index + 1] as number, MAX_CODE_POINT);
    if (low <= 0x7a && high >= 0x30) {
      for (let point = Math.max(low, 0x30); point <= Math.min(high, 0x7a); point++) {
        if (isRegexWordUnit(point)) return true;
      }
    }
  }
  return false;
}

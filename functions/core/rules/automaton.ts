import { AutomatonError } from './errors.ts';
import { isRegexWordUnit, isWordUnit } from './word-boundary.ts';

/** Which ends of a pattern must sit on a word boundary (see docs/rules.md). */
export const BoundaryLeft = 1;
export const BoundaryRight = 2;
/** The same for a regex's literals, with RE2's word characters (ASCII letters, digits, underscore). */
export const RegexBoundaryLeft = 4;
export const RegexBoundaryRight = 8;
const ALL_BOUNDARIES = BoundaryLeft | BoundaryRight | RegexBoundaryLeft | RegexBoundaryRight;

/** One pattern to find: UTF-16 text and the ends that need a word boundary. */
export interface AutomatonPattern {
  readonly text: string;
  readonly boundary: number;
}

/** Classifies a code unit into feature bits that a scan reports alongside the matches. */
export type FeatureClassifier = (codeUnit: number) => number;

/**
 * How often text is expected to hold a code unit: `previous` is the unit before it, or -1 at the
 * start of a pattern. States whose path text is likely get full transition rows first.
 */
export type UnitLikelihood = (previous: number, unit: number) => number;

const SYMBOL_BITS = 20;
const SYMBOL_MASK = (1 << SYMBOL_BITS) - 1;
const MAX_FEATURE_BITS = 31 - SYMBOL_BITS;
const NO_STATE = -1;
const LINEAR_SCAN_LIMIT = 8;
/** At most this many entries in full transition rows (4 bytes each): 4 MB. */
const ROW_BUDGET_ENTRIES = 1_048_576;

/** Matches found by scans, as parallel arrays reused from one item to the next. */
export class MatchBuffer {
  patterns = new Int32Array(64);
  ends = new Int32Array(64);
  fields = new Uint8Array(64);
  count = 0;

  /** Forgets the matches of the previous item without freeing the arrays. */
  clear(): void {
    this.count = 0;
  }

  push(pattern: number, end: number, field: number): void {
    if (this.count === this.patterns.length) this.grow();
    this.patterns[this.count] = pattern;
    this.ends[this.count] = end;
    this.fields[this.count] = field;
    this.count++;
  }

  private grow(): void {
    const size = this.patterns.length * 2;
    const patterns = new Int32Array(size);
    const ends = new Int32Array(size);
    const fields = new Uint8Array(size);
    patterns.set(this.patterns);
    ends.set(this.ends);
    fields.set(this.fields);
    this.patterns = patterns;
    this.ends = ends;
    this.fields = fields;
  }
}

/**
 * An Aho-Corasick automaton over UTF-16 code units. The states nearest the root, where text spends
 * most of its time, have full transition rows (failure links already followed), so a step from
 * one of them is a single table read; deeper states keep their edges sorted in one flat array and
 * follow failure links back to a row. A scan carries a state as a code: a row's offset (or, negated,
 * a deep state's number), shifted left once with the low bit saying whether a pattern ends there.
 * Output links chain every pattern that ends at a state, so overlapping matches are all reported.
 */
export class Automaton {
  readonly patternCount: number;
  readonly stateCount: number;
  readonly alphabetSize: number;
  /** Per code unit: its symbol (low bits, 0 when no pattern uses it) and its feature bits. */
  private readonly unitInfo: Int32Array;
  /** Full rows of `alphabetSize + 1` codes, the root's first. */
  private readonly rows: Int32Array;
  /** Per row, the state it belongs to. */
  private readonly rowState: Int32Array;
  /** Per state, the code a scan carries for it. */
  private readonly stateCode: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeSymbol: Int32Array;
  private readonly edgeTarget: Int32Array;
  private readonly fail: Int32Array;
  /** The first state, this one or along the failure chain, where a pattern ends; -1 if none. */
  private readonly reportFrom: Int32Array;
  /** From a state where a pattern ends, the next such state along its failure chain. */
  private readonly nextReport: Int32Array;
  private readonly firstPattern: Int32Array;
  private readonly nextPatternSameState: Int32Array;
  private readonly patternLength: Int32Array;
  private readonly patternBoundary: Uint8Array;

  constructor(parts: AutomatonParts) {
    this.patternCount = parts.patternLength.length;
    this.stateCount = parts.fail.length;
    this.alphabetSize = parts.alphabetSize;
    this.unitInfo = parts.unitInfo;
    this.rows = parts.rows;
    this.rowState = parts.rowState;
    this.stateCode = parts.stateCode;
    this.edgeStart = parts.edgeStart;
    this.edgeSymbol = parts.edgeSymbol;
    this.edgeTarget = parts.edgeTarget;
    this.fail = parts.fail;
    this.reportFrom = parts.reportFrom;
    this.nextReport = parts.nextReport;
    this.firstPattern = parts.firstPattern;
    this.nextPatternSameState = parts.nextPatternSameState;
    this.patternLength = parts.patternLength;
    this.patternBoundary = parts.patternBoundary;
  }

  /** Bytes held by the tables, for sizing reports. */
  get byteLength(): number {
    return [
      this.unitInfo,
      this.rows,
      this.rowState,
      this.stateCode,
      this.edgeStart,
      this.edgeSymbol,
      this.edgeTarget,
      this.fail,
      this.reportFrom,
      this.nextReport,
      this.firstPattern,
      this.nextPatternSameState,
      this.patternLength,
      this.patternBoundary,
    ].reduce((total, table) => total + table.byteLength, 0);
  }

  /** The length in code units of a pattern, to turn a match end into its start. */
  lengthOf(pattern: number): number {
    return this.patternLength[pattern] ?? 0;
  }

  /**
   * Scans `text` once, appending every (pattern, end) match that respects its word boundaries to
   * `hits` under `field`, and returns the OR of the feature bits of every code unit seen.
   */
  scan(text: string, field: number, hits: MatchBuffer): number {
    const { unitInfo, rows } = this;
    const length = text.length;
    let features = 0;
    let code = 0;
    for (let index = 0; index < length; index++) {
      const info = unitInfo[text.charCodeAt(index)] as number;
      features |= info;
      const symbol = info & SYMBOL_MASK;
      code = code >= 0 ? (rows[(code >> 1) + symbol] as number) : this.deepStep(code, symbol);
      // The low bit of the code, or of its complement for a deep state: a pattern ends here.
      if (((code ^ (code >> 31)) & 1) !== 0) this.report(text, this.stateOf(code), index + 1, field, hits);
    }
    return features >>> SYMBOL_BITS;
  }

  /** One step from a state without a row: its own edges, else along failure links to a row. */
  private deepStep(code: number, symbol: number): number {
    if (symbol === 0) return 0;
    const { edgeStart, edgeSymbol, edgeTarget, fail, stateCode } = this;
    let state = ~code >> 1;
    for (;;) {
      const next = findEdge(edgeStart, edgeSymbol, edgeTarget, state, symbol);
      if (next !== NO_STATE) return stateCode[next] as number;
      state = fail[state] as number;
      const failCode = stateCode[state] as number;
      if (failCode >= 0) return this.rows[(failCode >> 1) + symbol] as number;
    }
  }

  private stateOf(code: number): number {
    if (code < 0) return ~code >> 1;
    return this.rowState[Math.floor((code >> 1) / (this.alphabetSize + 1))] as number;
  }

  private report(text: string, fromState: number, end: number, field: number, hits: MatchBuffer): void {
    for (
      let state = this.reportFrom[fromState] as number;
      state !== NO_STATE;
      state = this.nextReport[state] as number
    ) {
      for (
        let pattern = this.firstPattern[state] as number;
        pattern !== NO_STATE;
        pattern = this.nextPatternSameState[pattern] as number
      ) {
        const boundary = this.patternBoundary[pattern] as number;
        if (boundary !== 0) {
          const start = end - (this.patternLength[pattern] as number);
          if ((boundary & BoundaryLeft) !== 0 && start > 0 && isWordUnit(text.charCodeAt(start - 1)))
            continue;
          if ((boundary & BoundaryRight) !== 0 && end < text.length && isWordUnit(text.charCodeAt(end)))
            continue;
          if (
            (boundary & RegexBoundaryLeft) !== 0 &&
            start > 0 &&
            isRegexWordUnit(text.charCodeAt(start - 1))
          )
            continue;
          if (
            (boundary & RegexBoundaryRight) !== 0 &&
            end < text.length &&
            isRegexWordUnit(text.charCodeAt(end))
          )
            continue;
        }
        hits.push(pattern, end, field);
      }
    }
  }
}

interface AutomatonParts {
  alphabetSize: number;
  unitInfo: Int32Array;
  rows: Int32Array;
  rowState: Int32Array;
  stateCode: Int32Array;
  edgeStart: Int32Array;
  edgeSymbol: Int32Array;
  edgeTarget: Int32Array;
  fail: Int32Array;
  reportFrom: Int32Array;
  nextReport: Int32Array;
  firstPattern: Int32Array;
  nextPatternSameState: Int32Array;
  patternLength: Int32Array;
  patternBoundary: Uint8Array;
}

/**
 * Builds the automaton for `patterns` (pattern ids are their indexes); `classify` fills the
 * feature bits a scan reports, `likelihood` ranks states for full rows, of which at most
 * `rowBudgetEntries` entries are kept. Empty patterns are refused.
 */
export function buildAutomaton(
  patterns: readonly AutomatonPattern[],
  classify: FeatureClassifier = () => 0,
  likelihood: UnitLikelihood = () => 1,
  rowBudgetEntries = ROW_BUDGET_ENTRIES,
): Automaton {
  const unitInfo = new Int32Array(65_536);
  for (let unit = 0; unit < 65_536; unit++) {
    const features = classify(unit);
    if (features >>> MAX_FEATURE_BITS !== 0)
      throw new AutomatonError(`feature bits ${features} exceed ${MAX_FEATURE_BITS} bits`);
    unitInfo[unit] = features << SYMBOL_BITS;
  }
  const alphabetSize = assignSymbols(patterns, unitInfo);
  const trie = buildTrie(patterns, unitInfo);
  const { edgeStart, edgeSymbol, edgeTarget } = flattenEdges(trie);
  const rootNext = new Int32Array(alphabetSize + 1);
  for (let edge = edgeStart[0] as number; edge < (edgeStart[1] as number); edge++) {
    rootNext[edgeSymbol[edge] as number] = edgeTarget[edge] as number;
  }
  const lookup = (state: number, symbol: number): number => {
    if (state === 0) return rootNext[symbol] as number;
    return findEdge(edgeStart, edgeSymbol, edgeTarget, state, symbol);
  };
  const fail = computeFailureLinks(trie.stateCount, edgeStart, edgeSymbol, edgeTarget, lookup);
  const { reportFrom, nextReport } = computeOutputLinks(
    trie.stateCount,
    fail,
    trie.firstPattern,
    edgeStart,
    edgeTarget,
  );
  const { rows, rowState, stateCode } = buildRows(
    trie,
    alphabetSize,
    edgeStart,
    edgeSymbol,
    edgeTarget,
    fail,
    reportFrom,
    stateLikelihood(trie, edgeStart, edgeTarget, unitOfSymbol(unitInfo, alphabetSize), likelihood),
    rowBudgetEntries,
  );
  return new Automaton({
    alphabetSize,
    unitInfo,
    rows,
    rowState,
    stateCode,
    edgeStart,
    edgeSymbol,
    edgeTarget,
    fail,
    reportFrom,
    nextReport,
    firstPattern: trie.firstPattern,
    nextPatternSameState: trie.nextPatternSameState,
    patternLength: Int32Array.from(patterns, (pattern) => pattern.text.length),
    patternBoundary: Uint8Array.from(patterns, (pattern) => pattern.boundary & ALL_BOUNDARIES),
  });
}

/** Numbers the code units used by patterns 1..K in code-unit order, so sorted edges stay sorted. */
function assignSymbols(patterns: readonly AutomatonPattern[], unitInfo: Int32Array): number {
  const used = new Uint8Array(65_536);
  for (const [index, pattern] of patterns.entries()) {
    if (pattern.text.length === 0) throw new AutomatonError(`pattern ${index} is empty`);
    for (let position = 0; position < pattern.text.length; position++)
      used[pattern.text.charCodeAt(position)] = 1;
  }
  let symbol = 0;
  for (let unit = 0; unit < 65_536; unit++) {
    if (used[unit] === 1) unitInfo[unit] = (unitInfo[unit] as number) | ++symbol;
  }
  return symbol;
}

interface Trie {
  stateCount: number;
  parent: Int32Array;
  symbol: Int32Array;
  firstPattern: Int32Array;
  nextPatternSameState: Int32Array;
}

/**
 * Inserts the patterns in code-unit order, so states are numbered in depth-first order and every
 * state's children appear in ascending symbol order: the flat edge table needs no sorting.
 */
function buildTrie(patterns: readonly AutomatonPattern[], unitInfo: Int32Array): Trie {
  const order = patterns.map((_, index) => index);
  order.sort((left, right) => compareUnits(patterns[left]?.text ?? '', patterns[right]?.text ?? ''));
  const capacity = patterns.reduce((total, pattern) => total + pattern.text.length, 1);
  const parent = new Int32Array(capacity);
  const symbol = new Int32Array(capacity);
  const firstPattern = new Int32Array(capacity).fill(NO_STATE);
  const nextPatternSameState = new Int32Array(patterns.length).fill(NO_STATE);
  const path = new Int32Array(
    patterns.reduce((longest, pattern) => Math.max(longest, pattern.text.length), 0) + 1,
  );
  let stateCount = 1;
  let previous = '';
  parent[0] = NO_STATE;
  for (const index of order) {
    const text = patterns[index]?.text ?? '';
    let depth = commonPrefixLength(previous, text);
    for (; depth < text.length; depth++) {
      const state = stateCount++;
      parent[state] = path[depth] as number;
      symbol[state] = (unitInfo[text.charCodeAt(depth)] as number) & SYMBOL_MASK;
      path[depth + 1] = state;
    }
    const terminal = path[text.length] as number;
    nextPatternSameState[index] = firstPattern[terminal] as number;
    firstPattern[terminal] = index;
    previous = text;
  }
  return {
    stateCount,
    parent: parent.subarray(0, stateCount),
    symbol: symbol.subarray(0, stateCount),
    firstPattern: firstPattern.slice(0, stateCount),
    nextPatternSameState,
  };
}

function compareUnits(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function commonPrefixLength(left: string, right: string): number {
  const limit = Math.min(left.length, right.length);
  let length = 0;
  while (length < limit && left.charCodeAt(length) === right.charCodeAt(length)) length++;
  return length;
}

function flattenEdges(trie: Trie): { edgeStart: Int32Array; edgeSymbol: Int32Array; edgeTarget: Int32Array } {
  const { stateCount, parent, symbol } = trie;
  const edgeStart = new Int32Array(stateCount + 1);
  for (let state = 1; state < stateCount; state++) {
    const slot = (parent[state] as number) + 1;
    edgeStart[slot] = (edgeStart[slot] as number) + 1;
  }
  for (let state = 0; state < stateCount; state++) {
    edgeStart[state + 1] = (edgeStart[state + 1] as number) + (edgeStart[state] as number);
  }
  const edgeSymbol = new Int32Array(stateCount - 1);
  const edgeTarget = new Int32Array(stateCount - 1);
  const cursor = edgeStart.slice(0, stateCount);
  // Depth-first numbering visits each parent's children in ascending symbol order.
  for (let state = 1; state < stateCount; state++) {
    const owner = parent[state] as number;
    const at = cursor[owner] as number;
    cursor[owner] = at + 1;
    edgeSymbol[at] = symbol[state] as number;
    edgeTarget[at] = state;
  }
  return { edgeStart, edgeSymbol, edgeTarget };
}

function findEdge(
  edgeStart: Int32Array,
  edgeSymbol: Int32Array,
  edgeTarget: Int32Array,
  state: number,
  symbol: number,
): number {
  let low = edgeStart[state] as number;
  let high = edgeStart[state + 1] as number;
  if (high - low <= LINEAR_SCAN_LIMIT) {
    for (; low < high; low++) if (edgeSymbol[low] === symbol) return edgeTarget[low] as number;
    return NO_STATE;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    const found = edgeSymbol[middle] as number;
    if (found === symbol) return edgeTarget[middle] as number;
    if (found < symbol) low = middle + 1;
    else high = middle;
  }
  return NO_STATE;
}

/** The code unit each symbol stands for. */
function unitOfSymbol(unitInfo: Int32Array, alphabetSize: number): Int32Array {
  const units = new Int32Array(alphabetSize + 1);
  for (let unit = 0; unit < 65_536; unit++) {
    const symbol = (unitInfo[unit] as number) & SYMBOL_MASK;
    if (symbol !== 0) units[symbol] = unit;
  }
  return units;
}

/** How likely text is to hold each state's path, from the likelihood of each unit after the one before. */
function stateLikelihood(
  trie: Trie,
  edgeStart: Int32Array,
  edgeTarget: Int32Array,
  units: Int32Array,
  likelihood: UnitLikelihood,
): Float64Array {
  const weight = new Float64Array(trie.stateCount);
  weight[0] = 1;
  // States are numbered depth first, so a parent always comes before its children.
  for (let state = 0; state < trie.stateCount; state++) {
    const previous = state === 0 ? -1 : (units[trie.symbol[state] as number] as number);
    for (let edge = edgeStart[state] as number; edge < (edgeStart[state + 1] as number); edge++) {
      const child = edgeTarget[edge] as number;
      weight[child] =
        (weight[state] as number) * likelihood(previous, units[trie.symbol[child] as number] as number);
    }
  }
  return weight;
}

/**
 * Full transition rows for the states text is most likely to be in, within a memory budget. Rows
 * are filled shallowest first: a row starts as a copy of the row its failure chain reaches first
 * (a shallower state, or the root) and takes the state's own edges on top. Every other state gets
 * a negative code.
 */
function buildRows(
  trie: Trie,
  alphabetSize: number,
  edgeStart: Int32Array,
  edgeSymbol: Int32Array,
  edgeTarget: Int32Array,
  fail: Int32Array,
  reportFrom: Int32Array,
  weight: Float64Array,
  budgetEntries: number,
): { rows: Int32Array; rowState: Int32Array; stateCode: Int32Array } {
  const { stateCount } = trie;
  const width = alphabetSize + 1;
  const budget = Math.max(1, Math.floor(budgetEntries / width));
  const depth = new Int32Array(stateCount);
  const candidates: number[] = [];
  for (let state = 1; state < stateCount; state++) {
    depth[state] = (depth[trie.parent[state] as number] as number) + 1;
    candidates.push(state);
  }
  candidates.sort((left, right) => (weight[right] as number) - (weight[left] as number) || left - right);
  const chosen = [0, ...candidates.slice(0, budget - 1)];
  chosen.sort((left, right) => (depth[left] as number) - (depth[right] as number) || left - right);
  const ends = (state: number): number => ((reportFrom[state] as number) === NO_STATE ? 0 : 1);
  const stateCode = new Int32Array(stateCount);
  for (let state = 0; state < stateCount; state++) stateCode[state] = ~((state << 1) | ends(state));
  for (const [row, state] of chosen.entries()) stateCode[state] = ((row * width) << 1) | ends(state);
  const rows = new Int32Array(chosen.length * width);
  for (const [row, state] of chosen.entries()) {
    const offset = row * width;
    if (state !== 0) {
      let source = fail[state] as number;
      while ((stateCode[source] as number) < 0) source = fail[source] as number;
      const sourceOffset = (stateCode[source] as number) >> 1;
      rows.copyWithin(offset, sourceOffset, sourceOffset + width);
    }
    for (let edge = edgeStart[state] as number; edge < (edgeStart[state + 1] as number); edge++) {
      rows[offset + (edgeSymbol[edge] as number)] = stateCode[edgeTarget[edge] as number] as number;
    }
  }
  return { rows, rowState: Int32Array.from(chosen), stateCode };
}

function computeFailureLinks(
  stateCount: number,
  edgeStart: Int32Array,
  edgeSymbol: Int32Array,
  edgeTarget: Int32Array,
  lookup: (state: number, symbol: number) => number,
): Int32Array {
  const fail = new Int32Array(stateCount);
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (let edge = edgeStart[0] as number; edge < (edgeStart[1] as number); edge++) {
    queue[tail++] = edgeTarget[edge] as number;
  }
  while (head < tail) {
    const state = queue[head++] as number;
    for (let edge = edgeStart[state] as number; edge < (edgeStart[state + 1] as number); edge++) {
      const child = edgeTarget[edge] as number;
      const symbol = edgeSymbol[edge] as number;
      let candidate = fail[state] as number;
      let target = lookup(candidate, symbol);
      while (target <= 0 && candidate !== 0) {
        candidate = fail[candidate] as number;
        target = lookup(candidate, symbol);
      }
      fail[child] = Math.max(target, 0);
      queue[tail++] = child;
    }
  }
  return fail;
}

function computeOutputLinks(
  stateCount: number,
  fail: Int32Array,
  firstPattern: Int32Array,
  edgeStart: Int32Array,
  edgeTarget: Int32Array,
): { reportFrom: Int32Array; nextReport: Int32Array } {
  const reportFrom = new Int32Array(stateCount).fill(NO_STATE);
  const nextReport = new Int32Array(stateCount).fill(NO_STATE);
  // Breadth-first so each state's failure target, being shallower, is already resolved.
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const state = queue[head++] as number;
    if (state !== 0) {
      const inherited = reportFrom[fail[state] as number] as number;
      nextReport[state] = inherited;
      reportFrom[state] = (firstPattern[state] as number) !== NO_STATE ? state : inherited;
    }
    for (let edge = edgeStart[state] as number; edge < (edgeStart[state + 1] as number); edge++) {
      queue[tail++] = edgeTarget[edge] as number;
    }
  }
  return { reportFrom, nextReport };
}

/**
 * A reading of RE2 syntax (as re2js parses it in Perl mode) into a small tree, only for working out
 * what text a regex needs. It never decides whether a pattern is valid: the engine does. Anything it
 * does not know exactly reads as "any character" or makes it give up, so what it reports is never
 * more than a pattern really requires.
 */

/** Code point ranges as [lo, hi, lo, hi, ...], sorted and merged. */
export type CodePointRanges = readonly number[];

/** A node of the tree: one character from a set, a zero-width test, or a combination. */
export type RegexNode =
  | { readonly kind: 'chars'; readonly ranges: CodePointRanges }
  | { readonly kind: 'empty' }
  | { readonly kind: 'wordBoundary' }
  | { readonly kind: 'concat'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'alternate'; readonly items: readonly RegexNode[] }
  | { readonly kind: 'repeat'; readonly item: RegexNode; readonly min: number; readonly max: number };

export const MAX_CODE_POINT = 0x10ffff;
/** Any character: what a class the reader does not fully know stands for. */
export const ANY_CHARACTER: CodePointRanges = [0, MAX_CODE_POINT];

const DIGITS = [0x30, 0x39];
const SPACES = [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

/** Reads `pattern` into a tree, or returns undefined for syntax this reader does not follow. */
export function readRegex(pattern: string, caseInsensitive = false): RegexNode | undefined {
  try {
    const reader = new Reader(Array.from(pattern, (character) => character.codePointAt(0) as number));
    const node = reader.group({ foldCase: caseInsensitive, dotNewline: false });
    return reader.atEnd() ? node : undefined;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class GiveUp extends Error {}

interface Flags {
  foldCase: boolean;
  dotNewline: boolean;
}

const code = (character: string): number => character.codePointAt(0) as number;

class Reader {
  private at = 0;

  constructor(private readonly points: readonly number[]) {}

  atEnd(): boolean {
    return this.at === this.points.length;
  }

  /** An alternation up to an unmatched `)` or the end; `(?i)` and the like change flags until then. */
  group(outer: Flags): RegexNode {
    const flags = { ...outer };
    const branches: RegexNode[] = [];
    let items: RegexNode[] = [];
    while (!this.atEnd() && this.peek() !== code(')')) {
      const point = this.peek();
      if (point === code('|')) {
        this.at++;
        branches.push(sequence(items));
        items = [];
        continue;
      }
      if (point === code('*') || point === code('+') || point === code('?') || this.looksLikeRepeat()) {
        const last = items.pop();
        if (last === undefined) throw new GiveUp();
        items.push(this.repeat(last));
        continue;
      }
      if (point === code('(') && this.lookingAt('(?') && !this.lookingAt('(?:') && !this.isNamedGroup()) {
        const scoped = this.flagGroup(flags);
        if (scoped !== undefined) items.push(scoped);
        continue;
      }
      items.push(this.atom(flags));
    }
    branches.push(sequence(items));
    return branches.length === 1 ? (branches[0] as RegexNode) : { kind: 'alternate', items: branches };
  }

  private atom(flags: Flags): RegexNode {
    const point = this.next();
    switch (point) {
      case code('('): {
        if (this.lookingAt('?:')) this.at += 2;
        else if (this.lookingAt('?P<') || this.lookingAt('?<')) this.skipGroupName();
        const inner = this.group(flags);
        if (this.next() !== code(')')) throw new GiveUp();
        return inner;
      }
      case code('^'):
      case code('$'):
        return { kind: 'empty' };
      case code('.'):
        return { kind: 'chars', ranges: ANY_CHARACTER };
      case code('['):
        return { kind: 'chars', ranges: this.characterClass(flags) };
      case code('\\'):
        return this.escape(flags);
      case code(')'):
        throw new GiveUp();
      default:
        return { kind: 'chars', ranges: literalRanges(point, flags) };
    }
  }

  /** `(?i)`, `(?s-i)` (flags until the group ends) or `(?i:...)` (flags inside it); undefined for the former. */
  private flagGroup(flags: Flags): RegexNode | undefined {
    this.at += 2;
    const scoped = { ...flags };
    let sign = true;
    for (;;) {
      const point = this.next();
      if (point === code('i')) scoped.foldCase = sign;
      else if (point === code('s')) scoped.dotNewline = sign;
      else if (point === code('m') || point === code('U')) continue;
      else if (point === code('-')) sign = false;
      else if (point === code(')')) {
        Object.assign(flags, scoped);
        return undefined;
      } else if (point === code(':')) {
        const inner = this.group(scoped);
        if (this.next() !== code(')')) throw new GiveUp();
        return inner;
      } else throw new GiveUp();
    }
  }

  private repeat(item: RegexNode): RegexNode {
    const point = this.next();
    let min = 0;
    let max = Number.POSITIVE_INFINITY;
    if (point === code('+')) min = 1;
    else if (point === code('?')) max = 1;
    else if (point === code('{')) {
      min = this.integer();
      max = min;
      if (this.peek() === code(',')) {
        this.at++;
        max = this.peek() === code('}') ? Number.POSITIVE_INFINITY : this.integer();
      }
      if (this.next() !== code('}')) throw new GiveUp();
    }
    if (this.peek() === code('?')) this.at++;
    return { kind: 'repeat', item, min, max };
  }

  /** Whether a `{` here starts a valid `{n}`, `{n,}` or `{n,m}`; otherwise RE2 reads it as a literal. */
  private looksLikeRepeat(): boolean {
    if (this.peek() !== code('{')) return false;
    let at = this.at + 1;
    const digitsFrom = (start: number): number => {
      let end = start;
      while (end < this.points.length && isDigit(this.points[end] as number)) end++;
      return end;
    };
    const afterMin = digitsFrom(at);
    if (afterMin === at) return false;
    at = afterMin;
    if (this.points[at] === code(',')) {
      at++;
      at = digitsFrom(at);
    }
    return this.points[at] === code('}');
  }

  private integer(): number {
    let value = 0;
    let digits = 0;
    while (!this.atEnd() && isDigit(this.peek())) {
      value = value * 10 + (this.next() - 0x30);
      digits++;
    }
    if (digits === 0) throw new GiveUp();
    return value;
  }

  private escape(flags: Flags): RegexNode {
    const point = this.next();
    switch (point) {
      case code('b'):
        return { kind: 'wordBoundary' };
      case code('B'):
      case code('A'):
      case code('z'):
        return { kind: 'empty' };
      case code('Q'): {
        const items: RegexNode[] = [];
        while (!this.atEnd() && !this.lookingAt('\\E')) {
          items.push({ kind: 'chars', ranges: literalRanges(this.next(), flags) });
        }
        if (this.lookingAt('\\E')) this.at += 2;
        return sequence(items);
      }
      case code('p'):
      case code('P'):
        this.skipUnicodeClassName();
        return { kind: 'chars', ranges: ANY_CHARACTER };
      default: {
        const perl = perlClass(point);
        if (perl !== undefined) return { kind: 'chars', ranges: perl };
        this.at--;
        return { kind: 'chars', ranges: literalRanges(this.escapedCodePoint(), flags) };
      }
    }
  }

  /** The code point of an escape such as `\n`, `\x41`, `\x{3042}`, `\101` or `\.`, after the backslash. */
  private escapedCodePoint(): number {
    const point = this.next();
    if (point >= code('0') && point <= code('7')) {
      if (point !== code('0') && !isOctal(this.peek())) throw new GiveUp();
      let value = point - 0x30;
      for (let count = 1; count < 3 && isOctal(this.peek()); count++)
        value = value * 8 + (this.next() - 0x30);
      return value;
    }
    if (point === code('x')) {
      if (this.peek() === code('{')) {
        this.at++;
        let value = 0;
        let digits = 0;
        while (this.peek() !== code('}')) {
          value = value * 16 + hexValue(this.next());
          digits++;
        }
        this.at++;
        if (digits === 0 || value > MAX_CODE_POINT) throw new GiveUp();
        return value;
      }
      return hexValue(this.next()) * 16 + hexValue(this.next());
    }
    const control: Record<number, number> = {
      [code('a')]: 0x07,
      [code('f')]: 0x0c,
      [code('n')]: 0x0a,
      [code('r')]: 0x0d,
      [code('t')]: 0x09,
      [code('v')]: 0x0b,
    };
    const controlPoint = control[point];
    if (controlPoint !== undefined) return controlPoint;
    if (point <= 0x7f && !isAsciiAlphanumeric(point)) return point;
    throw new GiveUp();
  }

  /** A bracketed class after its `[`, as ranges; classes by name read as any character. */
  private characterClass(flags: Flags): CodePointRanges {
    let negated = false;
    if (this.peek() === code('^')) {
      negated = true;
      this.at++;
    }
    const ranges: number[] = [];
    let unknown = false;
    let first = true;
    while (first || this.peek() !== code(']')) {
      if (this.atEnd()) throw new GiveUp();
      first = false;
      if (this.lookingAt('[:')) {
        const end = this.points.indexOf(code(']'), this.at + 2);
        if (end !== -1 && this.points[end - 1] === code(':')) {
          this.at = end + 1;
          unknown = true;
          continue;
        }
      }
      if (this.lookingAt('\\p') || this.lookingAt('\\P')) {
        this.at += 2;
        this.skipUnicodeClassName();
        unknown = true;
        continue;
      }
      if (this.peek() === code('\\')) {
        const perl = perlClass(this.points[this.at + 1] ?? -1);
        if (perl !== undefined) {
          this.at += 2;
          ranges.push(...perl);
          continue;
        }
      }
      const low = this.classCharacter();
      let high = low;
      if (
        this.peek() === code('-') &&
        this.points[this.at + 1] !== code(']') &&
        this.at + 1 < this.points.length
      ) {
        this.at++;
        high = this.classCharacter();
        if (high < low) throw new GiveUp();
      }
      ranges.push(low, high);
    }
    this.at++;
    if (unknown) return ANY_CHARACTER;
    const plain = normaliseRanges(ranges);
    const folded = flags.foldCase ? foldRanges(plain) : plain;
    return negated ? complement(folded) : folded;
  }

  private classCharacter(): number {
    const point = this.next();
    if (point !== code('\\')) return point;
    return this.escapedCodePoint();
  }

  private skipUnicodeClassName(): void {
    if (this.next() !== code('{')) return;
    while (this.next() !== code('}'));
  }

  private skipGroupName(): void {
    while (this.next() !== code('>'));
  }

  private isNamedGroup(): boolean {
    return this.lookingAt('(?P<') || this.lookingAt('(?<');
  }

  private lookingAt(text: string): boolean {
    let at = this.at;
    for (const character of text) {
      if (this.points[at] !== code(character)) return false;
      at++;
    }
    return true;
  }

  private peek(): number {
    return this.points[this.at] ?? -1;
  }

  private next(): number {
    if (this.atEnd()) throw new GiveUp();
    return this.points[this.at++] as number;
  }
}

function sequence(items: readonly RegexNode[]): RegexNode {
  if (items.length === 0) return { kind: 'empty' };
  return items.length === 1 ? (items[0] as RegexNode) : { kind: 'concat', items };
}

function perlClass(point: number): CodePointRanges | undefined {
  switch (point) {
    case code('d'):
      return DIGITS;
    case code('D'):
      return complement(DIGITS);
    case code('s'):
      return SPACES;
    case code('S'):
      return complement(SPACES);
    case code('w'):
      return WORD;
    case code('W'):
      return complement(WORD);
    default:
      return undefined;
  }
}

/** The characters a literal matches: itself, or under case folding its case partners. */
function literalRanges(point: number, flags: Flags): CodePointRanges {
  return flags.foldCase ? foldRanges([point, point]) : [point, point];
}

/**
 * Ranges closed under RE2's case folding. ASCII letters gain their other case (and `k`, `s` the
 * Kelvin sign and long s); characters without case (digits, punctuation, kana, kanji) stay as they
 * are; a range holding any other character reads as any character rather than guessing its partners.
 */
function foldRanges(ranges: CodePointRanges): CodePointRanges {
  const folded: number[] = [];
  for (let index = 0; index < ranges.length; index += 2) {
    const low = ranges[index] as number;
    const high = ranges[index + 1] as number;
    if (high > 0x7f && !(low >= 0x3000 && high <= 0x9fff)) return ANY_CHARACTER;
    folded.push(low, high);
    for (let point = Math.max(low, 0x41); point <= Math.min(high, 0x7a); point++) {
      const lower = point | 0x20;
      if (lower < 0x61 || lower > 0x7a) continue;
      folded.push(lower, lower, lower - 0x20, lower - 0x20);
      if (lower === code('k')) folded.push(0x212a, 0x212a);
      if (lower === code('s')) folded.push(0x17f, 0x17f);
    }
  }
  return normaliseRanges(folded);
}

function normaliseRanges(ranges: readonly number[]): CodePointRanges {
  const pairs: [number, number][] = [];
  for (let index = 0; index < ranges.length; index += 2) {
    pairs.push([ranges[index] as number, ranges[index + 1] as number]);
  }
  pairs.sort((left, right) => left[0] - right[0]);
  const merged: number[] = [];
  for (const [low, high] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && low <= (merged[last] as number) + 1)
      merged[last] = Math.max(merged[last] as number, high);
    else merged.push(low, high);
  }
  return merged;
}

function complement(ranges: CodePointRanges): CodePointRanges {
  const result: number[] = [];
  let next = 0;
  for (let index = 0; index < ranges.length; index += 2) {
    const low = ranges[index] as number;
    if (low > next) result.push(next, low - 1);
    next = (ranges[index + 1] as number) + 1;
  }
  if (next <= MAX_CODE_POINT) result.push(next, MAX_CODE_POINT);
  return result;
}

function isDigit(point: number): boolean {
  return point >= 0x30 && point <= 0x39;
}

function isOctal(point: number): boolean {
  return point >= 0x30 && point <= 0x37;
}

function isAsciiAlphanumeric(point: number): boolean {
  return isDigit(point) || ((point | 0x20) >= 0x61 && (point | 0x20) <= 0x7a);
}

function hexValue(point: number): number {
  if (isDigit(point)) return point - 0x30;
  const lower = point | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  throw new GiveUp();
}

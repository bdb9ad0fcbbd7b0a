import type { NormalisedText } from '#core/normalise/normalise';
import type { ItemFacts } from '#schemas/item-facts';
import { MatchBuffer } from './automaton.ts';
import type { CompiledRegex, RuleMatcher } from './compile.ts';
import type { FieldText } from './detectors/detector.ts';
import type { MlScores } from './facts.ts';
import { matchesFrom } from './regex.ts';
import { hasAtSign, TextFeature } from './text-features.ts';

/** The number of text fields (title, body, tags). */
export const FieldCount = 3;
const NO = 1;
const YES = 2;

/**
 * What one pass over an item's text found, kept in arrays reused from item to item (stamped with
 * an epoch instead of cleared), so evaluating a clean item allocates almost nothing.
 */
export class ItemScan {
  readonly hits = new MatchBuffer();
  readonly fields: (FieldText | undefined)[] = [undefined, undefined, undefined];
  japanese = false;
  /** The facts given with the item, which fact predicates read; undefined when it came without them. */
  facts: ItemFacts | undefined = undefined;
  /** The classifiers' scores given with the item, which `ml` predicates read. */
  mlScores: MlScores | undefined = undefined;
  private epoch = 0;
  private readonly groupEpoch: Uint32Array;
  private readonly groupFieldBits: Uint8Array;
  /** Hits per group and field, for regexes that need a literal several times. */
  private readonly groupFieldHits: Uint16Array;
  private readonly touched: Int32Array;
  private touchedTotal = 0;
  private readonly regexEpoch: Uint32Array;
  private readonly regexAnswer: Uint8Array;
  private readonly detectorEpoch: Uint32Array;
  private readonly detectorAnswer: Uint8Array;

  constructor(private readonly matcher: RuleMatcher) {
    this.groupEpoch = new Uint32Array(matcher.groupCount);
    this.groupFieldBits = new Uint8Array(matcher.groupCount);
    this.groupFieldHits = new Uint16Array(matcher.groupCount * FieldCount);
    this.touched = new Int32Array(matcher.groupCount);
    this.regexEpoch = new Uint32Array(matcher.regexes.length * FieldCount);
    this.regexAnswer = new Uint8Array(matcher.regexes.length * FieldCount);
    this.detectorEpoch = new Uint32Array(matcher.detectors.length * FieldCount);
    this.detectorAnswer = new Uint8Array(matcher.detectors.length * FieldCount);
  }

  /** Normalises and scans each non-empty text field once, marking the groups and features hit. */
  scan(
    title: string | undefined,
    body: string | undefined,
    tags: string | undefined,
    normalise: (original: string) => NormalisedText,
  ): void {
    this.nextEpoch();
    this.hits.clear();
    this.touchedTotal = 0;
    this.japanese = false;
    this.scanField(0, title, normalise);
    this.scanField(1, body, normalise);
    this.scanField(2, tags, normalise);
    const { hits } = this;
    const { patternGroupStart, patternGroups } = this.matcher;
    const { groupFieldHits } = this;
    for (let index = 0; index < hits.count; index++) {
      const pattern = hits.patterns[index] as number;
      const field = hits.fields[index] as number;
      const end = patternGroupStart[pattern + 1] as number;
      for (let at = patternGroupStart[pattern] as number; at < end; at++) {
        const group = patternGroups[at] as number;
        this.mark(group, 1 << field);
        const slot = group * FieldCount + field;
        groupFieldHits[slot] = Math.min((groupFieldHits[slot] as number) + 1, 0xffff);
      }
    }
  }

  /** How many distinct groups this item hit. */
  get touchedCount(): number {
    return this.touchedTotal;
  }

  /** The `index`-th group this item hit, for waking the rules it gates. */
  touchedGroup(index: number): number {
    return this.touched[index] as number;
  }

  /** The fields (as bits) in which a group was hit. */
  groupFields(group: number): number {
    return group >= 0 && this.groupEpoch[group] === this.epoch ? (this.groupFieldBits[group] as number) : 0;
  }

  /** How many times a group was hit in one field. */
  groupHits(group: number, field: number): number {
    return this.groupEpoch[group] === this.epoch
      ? (this.groupFieldHits[group * FieldCount + field] as number)
      : 0;
  }

  /** Whether regex `index` matches field `field`, run at most once per item and field. */
  regexMatches(index: number, field: number): boolean {
    const slot = index * FieldCount + field;
    if (this.regexEpoch[slot] !== this.epoch) {
      const text = this.fields[field]?.normalised.text ?? '';
      const compiled = this.matcher.regexes[index];
      const from = compiled === undefined ? -1 : this.searchStart(compiled, field, 0);
      const matches =
        compiled !== undefined &&
        from !== -1 &&
        holdsEveryLiteralSet(text, compiled.checkedLiterals) &&
        matchesFrom(compiled.regex, text, from);
      this.regexEpoch[slot] = this.epoch;
      this.regexAnswer[slot] = matches ? YES : NO;
    }
    return this.regexAnswer[slot] === YES;
  }

  /**
   * Where a search for the regex's next match at or after `from` can start: no match starts before
   * its lead ahead of the first trigger hit there. -1 when no trigger hit is left, so nothing can match.
   */
  searchStart(compiled: CompiledRegex, field: number, from: number): number {
    if (compiled.triggerGroup < 0 || compiled.triggerLead === Number.POSITIVE_INFINITY) return from;
    const { hits } = this;
    const { patternGroupStart, patternGroups, automaton } = this.matcher;
    let first = -1;
    for (let index = 0; index < hits.count; index++) {
      if (hits.fields[index] !== field) continue;
      const pattern = hits.patterns[index] as number;
      const start = (hits.ends[index] as number) - automaton.lengthOf(pattern);
      if (start < from || (first !== -1 && start >= first)) continue;
      for (
        let at = patternGroupStart[pattern] as number;
        at < (patternGroupStart[pattern + 1] as number);
        at++
      ) {
        if (patternGroups[at] === compiled.triggerGroup) {
          first = start;
          break;
        }
      }
    }
    return first === -1 ? -1 : Math.max(from, first - compiled.triggerLead);
  }

  /** Whether detector `index` confirms a match in field `field`, run at most once per item and field. */
  detectorMatches(index: number, field: number): boolean {
    const slot = index * FieldCount + field;
    if (this.detectorEpoch[slot] !== this.epoch) {
      const compiled = this.matcher.detectors[index];
      const fieldText = this.fields[field];
      let answer = false;
      if (compiled !== undefined && fieldText !== undefined) {
        answer =
          compiled.detector.find === undefined
            ? (this.groupFields(compiled.literalGroup) & (1 << field)) !== 0
            : compiled.detector.find(fieldText, undefined);
      }
      this.detectorEpoch[slot] = this.epoch;
      this.detectorAnswer[slot] = answer ? YES : NO;
    }
    return this.detectorAnswer[slot] === YES;
  }

  private scanField(
    field: number,
    original: string | undefined,
    normalise: (original: string) => NormalisedText,
  ): void {
    if (original === undefined || original === '') {
      this.fields[field] = undefined;
      return;
    }
    const normalised = normalise(original);
    this.fields[field] = { original, normalised };
    let features = this.matcher.automaton.scan(normalised.text, field, this.hits);
    if (this.matcher.readsAtSign && hasAtSign(original)) features |= TextFeature.at;
    if ((features & TextFeature.japanese) !== 0) this.japanese = true;
    const { featureGroups } = this.matcher;
    for (let bits = features, bit = 0; bits !== 0; bits >>>= 1, bit++) {
      if ((bits & 1) !== 0 && (featureGroups[bit] as number) >= 0)
        this.mark(featureGroups[bit] as number, 1 << field);
    }
  }

  /** Marks a group hit by something other than the text, such as the item's facts, waking the rules it gates. */
  touch(group: number): void {
    this.mark(group, 0);
  }

  private mark(group: number, fieldBit: number): void {
    if (this.groupEpoch[group] !== this.epoch) {
      this.groupEpoch[group] = this.epoch;
      this.groupFieldBits[group] = 0;
      this.groupFieldHits.fill(0, group * FieldCount, group * FieldCount + FieldCount);
      this.touched[this.touchedTotal++] = group;
    }
    this.groupFieldBits[group] = (this.groupFieldBits[group] as number) | fieldBit;
  }

  private nextEpoch(): void {
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.groupEpoch.fill(0);
      this.regexEpoch.fill(0);
      this.detectorEpoch.fill(0);
      this.epoch = 1;
    }
  }
}

/** Whether the text holds each set's literals at least as many times as the set asks. */
function holdsEveryLiteralSet(
  text: string,
  literalSets: readonly { readonly literals: readonly string[]; readonly hits: number }[],
): boolean {
  for (const { literals, hits } of literalSets) {
    let found = 0;
    for (const literal of literals) {
      for (let at = text.indexOf(literal); at !== -1 && found < hits; at = text.indexOf(literal, at + 1))
        found++;
      if (found >= hits) break;
    }
    if (found < hits) return false;
  }
  return true;
}

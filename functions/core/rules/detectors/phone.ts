import { TextFeature } from '../text-features.ts';
import type { Detector, FieldText } from './detector.ts';
import { foldedAlternation, pushOriginalSpan } from './folded-terms.ts';

// After normalisation digits are ASCII (full-width, kanji and circled digits are folded), but
// dashes keep their many shapes: ASCII, Unicode dashes, minus, the katakana long-vowel mark, and
// の as people write it when reading a number out (〇九〇の一二三四の…).
const SEPARATOR = '[\\s.\\-\u2010-\u2015\u2212\u30fc\uff70\u306e]';
const INTERNATIONAL = `\\+${SEPARATOR}?\\d(?:${SEPARATOR}{0,2}\\(?\\d\\)?){7,14}`;
const JAPANESE_DOMESTIC = `\\(?0\\d{1,4}\\)?${SEPARATOR}{0,2}\\(?\\d{1,4}\\)?${SEPARATOR}{0,2}\\d{3,4}`;
const NORTH_AMERICAN = `\\(?[2-9]\\d{2}\\)?${SEPARATOR}{1,2}\\d{3}${SEPARATOR}\\d{4}`;
const CANDIDATE = new RegExp(
  `(?<![\\d+])(?:${INTERNATIONAL}|${JAPANESE_DOMESTIC}|${NORTH_AMERICAN})(?!\\d)`,
  'g',
);

/** Words that make a run of digits an order, product or account number rather than a phone. */
const NOT_A_PHONE_BEFORE = new RegExp(
  `(?:${foldedAlternation(['order', 'tracking', 'invoice', 'ISBN', 'JAN', 'No.', '#', '注文', '品番', '型番', '商品番号', '伝票', '追跡', '口座', '会員番号', '¥', '$', '€', '£'])})\\D{0,6}$`,
);
const NOT_A_PHONE_AFTER = new RegExp(
  `^\\s*(?:${foldedAlternation(['円', 'yen', 'dollars', 'ドル', '個', '件'])})`,
);
const CONTEXT_LENGTH = 12;
const FEWEST_DIGITS = 8;

/**
 * Phone numbers: Japanese mobiles (0X0-XXXX-XXXX), landlines and toll-free numbers, +81 and other
 * international numbers, North American numbers with separators; not prices, dates, years, order
 * numbers or postal codes.
 */
export const phoneDetector: Detector = {
  name: 'phone',
  triggers: [],
  features: TextFeature.digit,
  find(field: FieldText, spans: number[] | undefined): boolean {
    const text = field.normalised.text;
    if (!holdsDigits(text, FEWEST_DIGITS)) return false;
    let found = false;
    CANDIDATE.lastIndex = 0;
    for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!isPhoneNumber(match[0]) || isExcludedByContext(text, start, end)) continue;
      found = true;
      if (spans === undefined) break;
      pushOriginalSpan(field.normalised, start, end, spans);
    }
    return found;
  },
};

const DIGIT = /[0-9]/g;

/** Whether the text holds at least `count` ASCII digits; the engine's own search skips the rest. */
function holdsDigits(text: string, count: number): boolean {
  DIGIT.lastIndex = 0;
  for (let found = 0; found < count; found++) if (!DIGIT.test(text)) return false;
  return true;
}

function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+')) {
    if (digits.startsWith('81')) return digits.length >= 11 && digits.length <= 13;
    return digits.length >= 8 && digits.length <= 15;
  }
  if (digits.startsWith('0'))
    return !digits.startsWith('00') && (digits.length === 10 || digits.length === 11);
  return digits.length === 10;
}

function isExcludedByContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - CONTEXT_LENGTH), start);
  const after = text.slice(end, end + CONTEXT_LENGTH);
  return NOT_A_PHONE_BEFORE.test(before) || NOT_A_PHONE_AFTER.test(after);
}

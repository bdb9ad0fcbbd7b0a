import { describe, expect, it } from 'vitest';
import { normalise, toOriginalSpan } from '#core/normalise/normalise';

function originalOf(original: string, keyword: string): string | undefined {
  const normalised = normalise(original);
  const start = normalised.text.indexOf(normalise(keyword).text);
  if (start < 0) return undefined;
  const span = toOriginalSpan(normalised, start, start + normalise(keyword).text.length);
  return original.slice(span.start, span.end);
}

describe('normalise', () => {
  it('folds half-width and full-width katakana to the hiragana of the keyword', () => {
    expect(originalOf('連絡はﾗｲﾝで', 'らいん')).toBe('ﾗｲﾝ');
    expect(originalOf('連絡はラインで', 'らいん')).toBe('ライン');
  });

  it('joins spaced-out letters when each is a single letter', () => {
    expect(originalOf('add me on L I N E now', 'line')).toBe('L I N E');
    expect(normalise('a pen').text).toBe('a pen');
  });

  it('folds leetspeak inside words to the keyword', () => {
    expect(originalOf('pay by p4yp4l', 'paypal')).toBe('p4yp4l');
  });
});

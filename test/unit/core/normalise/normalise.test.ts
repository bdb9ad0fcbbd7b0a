import { describe, expect, it } from 'vitest';
import { SpanOutOfRangeError } from '#core/normalise/errors';
import { normalise, toOriginalSpan } from '#core/normalise/normalise';

/**
 * Where a keyword, folded as rules fold it, first matches in the content: the slice of the original
 * the console would highlight, or undefined when it does not match.
 */
function highlight(content: string, keyword: string): string | undefined {
  const folded = normalise(content);
  const pattern = normalise(keyword).text;
  const start = folded.text.indexOf(pattern);
  if (start < 0) return undefined;
  const span = toOriginalSpan(folded, start, start + pattern.length);
  return content.slice(span.start, span.end);
}

describe('normalise', () => {
  describe('NFKC and case', () => {
    it.each([
      ['full-width letters', '連絡はＬＩＮＥで', 'line', 'ＬＩＮＥ'],
      ['capitals', 'Add me on LINE', 'line', 'LINE'],
      ['circled letters', 'ⓛⓘⓝⓔ id', 'line', 'ⓛⓘⓝⓔ'],
      ['mathematical letters', '𝐋𝐈𝐍𝐄 me', 'line', '𝐋𝐈𝐍𝐄'],
      ['negative squared letters', '🅻🅸🅽🅴 me', 'line', '🅻🅸🅽🅴'],
      ['small capitals', 'ʟɪɴᴇ me', 'line', 'ʟɪɴᴇ'],
      ['compatibility characters', '㈱パトロール', '(株)', '㈱'],
      ['squared words', '㍿パトロール', '株式会社', '㍿'],
    ])('matches %s with the keyword and highlights them', (_, content, keyword, highlighted) => {
      expect(highlight(content, keyword)).toBe(highlighted);
    });

    it('matches decomposed accents as the composed letters', () => {
      expect(highlight('un cafe\u0301 ici', 'café')).toBe('cafe\u0301');
    });
  });

  describe('katakana', () => {
    it.each([
      ['katakana', '連絡はラインで', 'ライン'],
      ['half-width katakana', '連絡はﾗｲﾝで', 'ﾗｲﾝ'],
      ['hiragana', '連絡はらいんで', 'らいん'],
    ])('matches %s with a keyword in hiragana', (_, content, highlighted) => {
      expect(highlight(content, 'らいん')).toBe(highlighted);
    });

    it('composes half-width sound marks with their kana', () => {
      expect(highlight('ﾊﾞｲﾄ募集', 'バイト')).toBe('ﾊﾞｲﾄ');
      expect(highlight('ﾊﾟｽﾜｰﾄﾞ教えて', 'ぱすわーど')).toBe('ﾊﾟｽﾜｰﾄﾞ');
    });

    it('keeps the prolonged sound mark as a letter inside kana', () => {
      expect(highlight('ラーメン屋', 'らーめん')).toBe('ラーメン');
      expect(highlight('ラーメン屋', 'らめん')).toBeUndefined();
    });
  });

  describe('digits', () => {
    it.each([
      ['kanji digits', '〇九〇の番号', '〇九〇'],
      ['full-width digits', '０９０の番号', '０９０'],
      ['circled digits', '⓪⑨⓪の番号', '⓪⑨⓪'],
      ['formal kanji digits', '零九零の番号', '零九零'],
    ])('reads %s as ASCII digits', (_, content, highlighted) => {
      expect(highlight(content, '090')).toBe(highlighted);
    });

    it('reads 壱 弐 参 as 1 2 3', () => {
      expect(highlight('番号は壱弐参です', '123')).toBe('壱弐参');
    });

    it('reads a prolonged sound mark between digits as a dash', () => {
      expect(highlight('〇九〇ー一二三四ー五六七八', '090-1234-5678')).toBe('〇九〇ー一二三四ー五六七八');
    });

    it('keeps prices, phone numbers and years as digits', () => {
      const content = '¥1,500 / 090-1234-5678 / 2024年 / 1.5kg';
      for (const number of ['1,500', '090-1234-5678', '2024', '1.5']) {
        expect(highlight(content, number)).toBe(number);
      }
    });
  });

  describe('separators and invisible characters', () => {
    it.each([
      ['spaces', 'add me on L I N E now', 'L I N E'],
      ['dots', 'add me on L.I.N.E now', 'L.I.N.E'],
      ['hyphens', 'add me on l-i-n-e now', 'l-i-n-e'],
      ['mixed separators', 'add me on L * I / N _ E now', 'L * I / N _ E'],
      ['full-width spaces', 'ＬＩＮＥは　Ｌ　Ｉ　Ｎ　Ｅ', 'ＬＩＮＥ'],
      ['a letter run that ends against kana', 'L I N Eで連絡', 'L I N E'],
    ])('joins single letters split by %s', (_, content, highlighted) => {
      expect(highlight(content, 'line')).toBe(highlighted);
    });

    it.each([
      ['spaces', 'ら い ん で', 'ら い ん'],
      ['middle dots', 'ラ・イ・ンで', 'ラ・イ・ン'],
      ['commas', 'ラ、イ、ンで', 'ラ、イ、ン'],
    ])('joins single kana split by %s', (_, content, highlighted) => {
      expect(highlight(content, 'らいん')).toBe(highlighted);
    });

    it('joins digits spaced out with dashes between', () => {
      expect(highlight('電話 0 9 0 - 1 2 3 4 まで', '0901234')).toBe('0 9 0 - 1 2 3 4');
    });

    it('removes zero-width characters, soft hyphens and variation selectors anywhere', () => {
      const content = 'L\u200bI\u200cN\u200dE \u2060l\ufeffi\u00adn\ufe0fe';
      expect(highlight(content, 'line')).toBe('L\u200bI\u200cN\u200dE');
      expect(normalise(content).text).toBe(`${normalise('line').text} ${normalise('line').text}`);
    });

    it('keeps ordinary words apart', () => {
      expect(highlight('I want a pen', 'apen')).toBeUndefined();
      expect(highlight('I am here', 'iam')).toBeUndefined();
      expect(highlight('I am here', 'i am here')).toBe('I am here');
    });

    it('keeps decimals, fractions and times apart from the digits around them', () => {
      expect(highlight('1.5 kg, 3/4 cup, 1:3 mix', '15')).toBeUndefined();
      expect(highlight('1.5 kg, 3/4 cup, 1:3 mix', '34')).toBeUndefined();
    });

    it('folds a run of whitespace to one space', () => {
      expect(highlight('hello   \n\t world', 'hello world')).toBe('hello   \n\t world');
    });
  });

  describe('spelled-out e-mail addresses', () => {
    it.each([
      ['taro at gmail dot com'],
      ['taro (at) gmail (dot) com'],
      ['taro[at]gmail[.]com'],
      ['taro＠gmail．com'],
      ['TARO AT GMAIL DOT COM'],
      ['taro@gmail dot com'],
    ])('folds %s to an address', (address) => {
      expect(highlight(`mail me: ${address} thanks`, 'taro@gmail.com')).toBe(address);
    });

    it.each([['たろう アット gmail ドット com'], ['たろうあっとgmailどっとcom'], ['たろう＠gmail．com']])(
      'folds %s written with kana',
      (address) => {
        expect(highlight(`連絡は${address}まで`, 'たろう@gmail.com')).toBe(address);
      },
    );

    it('leaves at and dot alone outside an address', () => {
      for (const prose of ['look at this', 'meet at the station.', 'the deal at amazon.com is fine']) {
        expect(normalise(prose).text).not.toContain('@');
      }
    });
  });

  describe('leetspeak and look-alikes', () => {
    it.each([
      ['l1ne', 'line'],
      ['LlNE', 'line'],
      ['|ine', 'line'],
      ['w4tsapp', 'whatsapp'],
      ['wh@tsapp', 'whatsapp'],
      ['te1egram', 'telegram'],
      ['p4yp4l', 'paypal'],
      ['v3nmo', 'venmo'],
      ['h3ll0', 'hello'],
    ])('matches %s with the keyword %s', (evasion, keyword) => {
      expect(highlight(`msg me on ${evasion} ok`, keyword)).toBe(evasion);
    });

    it.each([
      ['Cyrillic', 'lіnе'],
      ['Greek', 'ραypal'],
    ])('matches %s letters that look Latin', (_, evasion) => {
      expect(highlight(`use ${evasion} now`, evasion.startsWith('l') ? 'line' : 'paypal')).toBe(evasion);
    });

    it('keeps digits that are numbers, not letters', () => {
      expect(highlight('covid19 and windows10 at 10cm', 'covid19')).toBe('covid19');
      expect(highlight('covid19 and windows10 at 10cm', '10cm')).toBe('10cm');
      expect(normalise('5kg 256GB').text).toMatch(/^5kg 256gb$/);
    });

    it('keeps an e-mail address when folding symbols inside words', () => {
      expect(normalise('taro@gmail.com').text).toContain('@');
    });
  });
});

describe('normalise on long texts', () => {
  it.each([4_095, 4_096, 8_192, 20_000])(
    'keeps every unit of a %d-unit text when characters early on fold to several',
    (length) => {
      const original = `㍿𝐋${'x'.repeat(length - 3)}`;
      const folded = normalise(original);
      expect(folded.text).toBe(`株式会社l${'x'.repeat(length - 3)}`);
      expect(folded.originEnd[folded.text.length - 1]).toBe(length);
    },
  );
});

describe('toOriginalSpan', () => {
  it('maps a match to the original characters that produced it', () => {
    const folded = normalise('㈱パトロール');
    const start = folded.text.indexOf('株');
    expect(toOriginalSpan(folded, start, start + 1)).toEqual({ start: 0, end: 1 });
  });

  it('maps a match over characters outside the BMP to whole surrogate pairs', () => {
    const content = 'x 𝐋𝐈𝐍𝐄 y';
    const folded = normalise(content);
    const start = folded.text.indexOf(normalise('line').text);
    const span = toOriginalSpan(folded, start, start + 4);
    expect(content.slice(span.start, span.end)).toBe('𝐋𝐈𝐍𝐄');
  });

  it('maps an empty match to an empty span', () => {
    const folded = normalise('abc');
    expect(toOriginalSpan(folded, 1, 1)).toEqual({ start: 1, end: 1 });
    expect(toOriginalSpan(folded, 3, 3)).toEqual({ start: 3, end: 3 });
  });

  it.each([
    [-1, 2],
    [2, 1],
    [0, 10],
    [0.5, 2],
  ])('refuses the span [%d, %d) with an error naming start and end', (start, end) => {
    const folded = normalise('abcdef');
    expect(() => toOriginalSpan(folded, start, end)).toThrow(SpanOutOfRangeError);
    expect(() => toOriginalSpan(folded, start, end)).toThrow(/start <= end <= 6/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { normalise } from '#core/normalise/normalise';

function bmpCharacters(): string[] {
  const characters: string[] = [];
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit < 0xd800 || unit > 0xdfff) characters.push(String.fromCharCode(unit));
  }
  return characters;
}

describe('fold table', () => {
  it('folds every BMP character to something that folds to itself', () => {
    const unstable = bmpCharacters().filter((char) => {
      const once = normalise(char).text;
      return normalise(once).text !== once;
    });
    expect(unstable).toEqual([]);
  });

  it('reads every BMP character as it reads its NFKC form, but the spacing sound marks', () => {
    // ゛ and ゜ are NFKC's space plus a combining mark; evaders type them after a kana (ハ゛) to mean
    // バ, so they fold to the combining mark alone.
    const differing = bmpCharacters().filter(
      (char) => normalise(char).text !== normalise(char.normalize('NFKC')).text,
    );
    expect(differing).toEqual(['\u309b', '\u309c']);
  });

  it('folds every character beyond the BMP that NFKC or case folding changes, and drops the invisible ones', () => {
    const missed: string[] = [];
    for (let codePoint = 0x10000; codePoint <= 0x10ffff; codePoint++) {
      const char = String.fromCodePoint(codePoint);
      const invisible = /\p{Default_Ignorable_Code_Point}/u.test(char);
      const normalised = char.normalize('NFKC');
      const compatible = normalised === char ? char.toLowerCase() : normalised;
      if (!invisible && compatible === char) continue;
      const expected = invisible ? '' : normalise(compatible).text;
      if (normalise(char).text !== expected) missed.push(codePoint.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it('folds a text the same whichever texts were folded before it', async () => {
    const texts = [
      'ﾗｲﾝ ＩＤ',
      'L I N E',
      '𝐋𝐈𝐍𝐄 ⓛⓘⓝⓔ',
      'taro at gmail dot com',
      'Ωmega ǅ ﬁ ß İ',
      '〇九〇ー一二三四',
    ];
    vi.resetModules();
    const first = await import('#core/normalise/normalise');
    const forwards = texts.map((text) => first.normalise(text).text);
    vi.resetModules();
    const second = await import('#core/normalise/normalise');
    const backwards = [...texts].reverse().map((text) => second.normalise(text).text);
    expect(backwards.reverse()).toEqual(forwards);
  });
});

/**
 * The letter that i, l, 1, |, ! and their look-alikes all fold to, so `line`, `LlNE`, `l1ne` and `|ine`
 * all read `llne`. One letter for all of them, because a capital I and a small l are the same stroke
 * in most fonts; `l` rather than `i` because the digit 1 and the pipe look like it too.
 */
export const SKELETON_LETTER = 'l';

/**
 * Letters of other scripts, small capitals and stroked Latin letters that look like one Latin letter,
 * keyed by the character after NFKC. Keys are lowercase unless the capital looks like another letter
 * than its small form (Greek capital eta looks like H, small eta like n).
 */
export const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  ь: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  һ: 'h',
  н: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  п: 'n',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  ԝ: 'w',
  х: 'x',
  у: 'y',
  ү: 'y',
  Ӏ: 'l',
  // Greek
  α: 'a',
  β: 'b',
  ϲ: 'c',
  ε: 'e',
  η: 'n',
  ι: 'i',
  ϳ: 'j',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  ϱ: 'p',
  τ: 't',
  υ: 'u',
  μ: 'u',
  ω: 'w',
  χ: 'x',
  Η: 'h',
  Μ: 'm',
  Ν: 'n',
  Υ: 'y',
  // Latin letters without a decomposition, and small capitals
  ı: 'i',
  ɩ: 'i',
  ǀ: 'l',
  ł: 'l',
  ƚ: 'l',
  ɫ: 'l',
  ɑ: 'a',
  ɡ: 'g',
  ø: 'o',
  ɵ: 'o',
  đ: 'd',
  ħ: 'h',
  ƒ: 'f',
  ŧ: 't',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  // Strokes that stand for l or i
  '∣': 'l',
  '│': 'l',
  '¡': 'i',
};

/**
 * Digits and symbols that stand for a letter inside a word (`p4yp4l`, `wh@tsapp`, `ca$h`). Only
 * shapes that are unambiguous are listed: 2, 6, 8 and 9 stand for too many things to fold.
 */
export const LEETSPEAK: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': SKELETON_LETTER,
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '|': SKELETON_LETTER,
  '!': SKELETON_LETTER,
};

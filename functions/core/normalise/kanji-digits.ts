/**
 * Kanji numerals read digit by digit (〇九〇 is 090), with the formal forms used on cheques and
 * their traditional variants. 十, 百 and 千 are positional, so they stay as they are.
 */
export const KANJI_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  壱: '1',
  壹: '1',
  二: '2',
  弐: '2',
  貳: '2',
  三: '3',
  参: '3',
  參: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

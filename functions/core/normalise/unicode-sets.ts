/**
 * Whole-BMP views of Unicode properties, found with one native regex pass each: testing 64K characters
 * one by one in JavaScript costs tens of milliseconds, which a Lambda pays at every cold start.
 */

const FIRST_SURROGATE = 0xd800;
const SURROGATE_COUNT = 0x800;

function allCodeUnits(): Uint16Array {
  const units = new Uint16Array(0x10000);
  for (let unit = 0; unit < units.length; unit++) units[unit] = unit;
  return units;
}

/** Every BMP code unit, in order: what a table starts from where each unit stands for itself. */
export const CODE_UNITS: Uint16Array = allCodeUnits();

/** Every BMP character once, in code order, surrogates left out. */
const BMP =
  new TextDecoder('utf-16le').decode(CODE_UNITS.subarray(0, FIRST_SURROGATE)) +
  new TextDecoder('utf-16le').decode(CODE_UNITS.subarray(FIRST_SURROGATE + SURROGATE_COUNT));

/**
 * Calls `visit` with each range [first, end) of BMP code units matched by one of the regex character
 * classes (in `v` mode, so they may intersect and subtract), with the index of the class. The classes
 * must not overlap. One native pass.
 */
export function forEachRange(
  characterClasses: readonly string[],
  visit: (classIndex: number, first: number, end: number) => void,
): void {
  const pattern = new RegExp(
    characterClasses.map((characterClass) => `(${characterClass}+)`).join('|'),
    'gv',
  );
  for (let match = pattern.exec(BMP); match !== null; match = pattern.exec(BMP)) {
    const classIndex = match.findIndex((group, index) => index > 0 && group !== undefined) - 1;
    const first = match.index;
    const end = first + match[0].length;
    if (end <= FIRST_SURROGATE || first >= FIRST_SURROGATE) {
      const shift = first >= FIRST_SURROGATE ? SURROGATE_COUNT : 0;
      visit(classIndex, first + shift, end + shift);
    } else {
      visit(classIndex, first, FIRST_SURROGATE);
      visit(classIndex, FIRST_SURROGATE + SURROGATE_COUNT, end + SURROGATE_COUNT);
    }
  }
}

import type { FoldBuffer } from './fold-buffer.ts';
import { NUMBER_PUNCTUATION, PROLONGED_SOUND_MARK } from './punctuation.ts';
import { DIGIT, groupOf, KANA, NOT_WORD, SEPARATOR, UNIT_CLASS } from './unit-class.ts';

const W = 0x77;
const H = 0x68;
const NUMBER_PUNCTUATION_UNITS = new Set([...NUMBER_PUNCTUATION].map((char) => char.charCodeAt(0)));

function groupAt(units: Uint16Array, length: number, index: number): number {
  return index < 0 || index >= length ? NOT_WORD : groupOf(units[index] as number);
}

function isSeparator(unit: number): boolean {
  return ((UNIT_CLASS[unit] as number) & SEPARATOR) !== 0;
}

/**
 * Where the run of separators after the single letter at `single` ends, when a single letter that may
 * join it follows; -1 otherwise. Between two digits, one `.`, `,`, `/` or `:` is a number (1.5, 3/4),
 * and ー joins only between kana (ラ ー メ ン): next to anything else it stands alone, like a dash.
 * Japanese runs words together, so once two single kana have joined (`ラ・イ`), the next kana joins
 * even when more kana follow it (`ラ・イ・ンで`).
 */
function joinableNext(units: Uint16Array, length: number, single: number, inRun: boolean): number {
  let next = single + 1;
  while (next < length && isSeparator(units[next] as number)) next++;
  if (next === single + 1 || next === length) return -1;
  const group = groupAt(units, length, next);
  if (group === NOT_WORD) return -1;
  const wordContinues = groupAt(units, length, next + 1) === group;
  if (wordContinues && !(inRun && group === KANA && groupAt(units, length, single) === KANA)) return -1;
  const first = units[single] as number;
  const second = units[next] as number;
  if (
    next === single + 2 &&
    ((UNIT_CLASS[first] as number) & (UNIT_CLASS[second] as number) & DIGIT) !== 0 &&
    NUMBER_PUNCTUATION_UNITS.has(units[single + 1] as number)
  ) {
    return -1;
  }
  if (
    (first === PROLONGED_SOUND_MARK || second === PROLONGED_SOUND_MARK) &&
    (groupOf(first) !== KANA || group !== KANA)
  ) {
    return -1;
  }
  return next;
}

/**
 * Removes the separators inside a run of two or more single letters or digits (`L I N E`, `ラ・イ・ン`,
 * `0 9 0 - 1 2 3 4`), so ordinary words (`a pen`) and numbers (1.5, 3/4) keep theirs. A letter is
 * single when its neighbours are not letters of its group, so `L I N Eで` joins too.
 */
export function joinSpacedLetters(buffer: FoldBuffer): void {
  const { units, starts, ends, length } = buffer;
  let read = 0;
  let written = 0;
  let joined = false;
  while (read < length) {
    const unit = units[read] as number;
    // Decided before writing: compaction may overwrite the unit just before this one.
    const group = groupOf(unit);
    const single =
      group !== NOT_WORD &&
      groupAt(units, length, read - 1) !== group &&
      groupAt(units, length, read + 1) !== group;
    if (joined && unit === H && units[written - 1] === W) {
      ends[written - 1] = ends[read] as number;
    } else {
      units[written] = unit;
      starts[written] = starts[read] as number;
      ends[written] = ends[read] as number;
      written++;
    }
    const next: number = single ? joinableNext(units, length, read, joined) : -1;
    joined = next >= 0;
    read = joined ? next : read + 1;
  }
  buffer.length = written;
}

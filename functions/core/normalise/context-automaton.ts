/**
 * Two small automata that the fold loop steps once per unit written, so that it learns without a
 * second scan whether a text needs the context passes: joining spaced-out letters, leetspeak,
 * spelled-out addresses. They may flag a text that a pass then leaves as it is, never the reverse.
 */

/** Context codes: what the automata tell apart among folded units (see CONTEXT_CODE). */
export const OTHER = 0;
export const SPACE = 1;
export const SEPARATOR = 2;
export const PIPE = 3;
export const FULL_STOP = 4;
export const OPEN_BRACKET = 5;
export const CLOSE_BRACKET = 6;
export const AT_SIGN = 7;
export const LEET_SYMBOL = 8;
export const LATIN = 9;
export const LETTER_A = 10;
export const LETTER_T = 11;
export const LETTER_D = 12;
export const LETTER_O = 13;
export const LEADING_DIGIT = 14;
export const LEET_DIGIT = 15;
export const OTHER_DIGIT = 16;
export const KANA = 17;
export const KANA_A = 18;
export const KANA_SMALL_TSU = 19;
export const KANA_TO = 20;
export const KANA_DO = 21;
export const HAN = 22;
export const OTHER_WORD = 23;
/** Digits that leetspeak reads as a letter of `at` or `dot`: 0 for o, 4 for a, 7 for t. */
export const DIGIT_ZERO = 24;
export const DIGIT_FOUR = 25;
export const DIGIT_SEVEN = 26;

/** Rows are this wide; a state is the offset of its row, so an entry is the next state plus flags. */
const CODES = 32;
export const STATE_MASK = ~(CODES - 1);
export const FLAG_MASK = CODES - 1;

/** Flags of the context automaton. */
export const NEEDS_JOIN = 1;
export const NEEDS_LEETSPEAK = 2;
/** Flags of the address automaton. */
export const HAS_AT_SIGN = 1;
export const HAS_KANA_AT = 2;
export const HAS_BRACKETED_AT = 4;
export const HAS_WORD_AT = 8;
export const HAS_SPELLED_DOT = 16;

/** Whether the address flags show an `@` form, with the spelled-out dot that a bare ` at ` needs. */
export function mayHoldAddress(flags: number): boolean {
  return (
    (flags & (HAS_AT_SIGN | HAS_KANA_AT | HAS_BRACKETED_AT)) !== 0 ||
    ((flags & HAS_WORD_AT) !== 0 && (flags & HAS_SPELLED_DOT) !== 0)
  );
}

const LATIN_CODES = [LATIN, LETTER_A, LETTER_T, LETTER_D, LETTER_O];
const DIGIT_CODES = [LEADING_DIGIT, LEET_DIGIT, OTHER_DIGIT, DIGIT_ZERO, DIGIT_FOUR, DIGIT_SEVEN];
const KANA_CODES = [KANA, KANA_A, KANA_SMALL_TSU, KANA_TO, KANA_DO];
/** What the letter-shaped digits are to the leetspeak automaton, and to the address automaton. */
const AS_DIGIT: Readonly<Record<number, number>> = {
  [DIGIT_ZERO]: LEADING_DIGIT,
  [DIGIT_FOUR]: LEET_DIGIT,
  [DIGIT_SEVEN]: LEET_DIGIT,
};
const AS_LETTER: Readonly<Record<number, number>> = {
  [DIGIT_ZERO]: LETTER_O,
  [DIGIT_FOUR]: LETTER_A,
  [DIGIT_SEVEN]: LETTER_T,
};

/** The word group of a code (1 alphanumeric, 2 kana, 3 han, 4 other), 0 for what is not a letter. */
function groupOf(code: number): number {
  if (LATIN_CODES.includes(code) || DIGIT_CODES.includes(code)) return 1;
  if (KANA_CODES.includes(code)) return 2;
  if (code === HAN) return 3;
  return code === OTHER_WORD ? 4 : 0;
}

function isSeparator(code: number): boolean {
  return code === SPACE || code === SEPARATOR || code === PIPE || code === FULL_STOP;
}

/**
 * Join states: after a boundary; in a word of group g that may be a single letter (first) or is not
 * (word); after a single letter and separators; after those and one letter of group g (second). When
 * the unit after `second` is not of its group, two single letters stand apart by separators: flag.
 */
type JoinState =
  | { stage: 'boundary' }
  | { stage: 'separated' }
  | { stage: 'first' | 'word' | 'second'; group: number };

const GROUP_STAGES = ['first', 'word', 'second'] as const;
const JOIN_STATES: readonly JoinState[] = [
  { stage: 'boundary' },
  { stage: 'separated' },
  ...[1, 2, 3, 4].flatMap((group) => GROUP_STAGES.map((stage) => ({ stage, group }))),
];

/** The index of a state in JOIN_STATES: boundary, separated, then first, word, second per group. */
function joinIndex(state: JoinState): number {
  if (state.stage === 'boundary') return 0;
  if (state.stage === 'separated') return 1;
  return 2 + (state.group - 1) * 3 + GROUP_STAGES.indexOf(state.stage);
}

function joinStep(state: JoinState, code: number): { next: JoinState; flag: boolean } {
  const group = groupOf(code);
  const current = 'group' in state ? state.group : 0;
  if (state.stage === 'second' && group !== current) {
    return { next: joinStep({ stage: 'first', group: current }, code).next, flag: true };
  }
  if (group !== 0) {
    if (state.stage === 'separated') return { next: { stage: 'second', group }, flag: false };
    return { next: { stage: group === current ? 'word' : 'first', group }, flag: false };
  }
  if (isSeparator(code) && (state.stage === 'first' || state.stage === 'separated')) {
    return { next: { stage: 'separated' }, flag: false };
  }
  return { next: { stage: 'boundary' }, flag: false };
}

/**
 * Leetspeak states, mirroring foldLeetspeak: outside a word; after a letter; after one or two digits or
 * symbols that follow a letter and may fold (all digits, or not); after one 0, 1 or | that starts a
 * word; in a run that cannot fold.
 */
const LEET_STATES = [
  'outside',
  'letter',
  'digit1',
  'symbol1',
  'digit2',
  'symbol2',
  'leading',
  'stuck',
] as const;
type LeetState = (typeof LEET_STATES)[number];

function leetStep(state: LeetState, unitCode: number): { next: LeetState; flag: boolean } {
  const code = AS_DIGIT[unitCode] ?? unitCode;
  const latin = LATIN_CODES.includes(code);
  const digit = code === LEADING_DIGIT || code === LEET_DIGIT;
  const symbol = code === AT_SIGN || code === LEET_SYMBOL || code === PIPE;
  const afterRun = state === 'digit1' || state === 'digit2' || state === 'symbol1' || state === 'symbol2';
  if (latin) return { next: 'letter', flag: afterRun || state === 'leading' };
  if (!digit && !symbol && code !== OTHER_DIGIT)
    return { next: 'outside', flag: state === 'digit1' || state === 'digit2' };
  if (state === 'outside')
    return { next: code === LEADING_DIGIT || code === PIPE ? 'leading' : 'stuck', flag: false };
  if (code === OTHER_DIGIT) return { next: 'stuck', flag: false };
  if (state === 'letter') return { next: digit ? 'digit1' : 'symbol1', flag: false };
  if (state === 'digit1') return { next: digit ? 'digit2' : 'symbol2', flag: false };
  if (state === 'symbol1') return { next: 'symbol2', flag: false };
  return { next: 'stuck', flag: false };
}

function buildContextAutomaton(): Uint16Array {
  // Each part steps once per state and code, then their product: a few hundred steps, not thousands.
  const joins = JOIN_STATES.map((join) =>
    Array.from({ length: CODES }, (_, code) => {
      const { next, flag } = joinStep(join, code);
      return { next: joinIndex(next), flags: flag ? NEEDS_JOIN : 0 };
    }),
  );
  const leets = LEET_STATES.map((leet) =>
    Array.from({ length: CODES }, (_, code) => {
      const { next, flag } = leetStep(leet, code);
      return { next: LEET_STATES.indexOf(next), flags: flag ? NEEDS_LEETSPEAK : 0 };
    }),
  );
  const table = new Uint16Array(JOIN_STATES.length * LEET_STATES.length * CODES);
  joins.forEach((joinSteps, joinId) => {
    leets.forEach((leetSteps, leetId) => {
      const row = (joinId * LEET_STATES.length + leetId) * CODES;
      for (let code = 0; code < CODES; code++) {
        const joined = joinSteps[code] as { next: number; flags: number };
        const leeted = leetSteps[code] as { next: number; flags: number };
        table[row + code] =
          ((joined.next * LEET_STATES.length + leeted.next) * CODES) | joined.flags | leeted.flags;
      }
    });
  });
  return table;
}

/**
 * Address states: the start of a word after a space or an opening bracket, then the letters of `at`
 * or `dot`, or `[.`; the kana of あっと and どっと anywhere. `@` anywhere flags at once.
 */
const ADDRESS_STATES = [
  'idle',
  'space',
  'open',
  'space-a',
  'space-at',
  'open-a',
  'open-at',
  'space-d',
  'space-do',
  'space-dot',
  'open-d',
  'open-do',
  'open-dot',
  'open-full-stop',
  'kana-a',
  'kana-a-tsu',
  'kana-do',
  'kana-do-tsu',
] as const;
type AddressState = (typeof ADDRESS_STATES)[number];

const ADDRESS_TRANSITIONS: Partial<Record<AddressState, Partial<Record<number, [AddressState, number]>>>> = {
  space: { [LETTER_A]: ['space-a', 0], [LETTER_D]: ['space-d', 0] },
  open: { [LETTER_A]: ['open-a', 0], [LETTER_D]: ['open-d', 0], [FULL_STOP]: ['open-full-stop', 0] },
  'space-a': { [LETTER_T]: ['space-at', 0] },
  'space-at': { [SPACE]: ['space', HAS_WORD_AT], [CLOSE_BRACKET]: ['idle', HAS_WORD_AT] },
  'open-a': { [LETTER_T]: ['open-at', 0] },
  'open-at': { [CLOSE_BRACKET]: ['idle', HAS_BRACKETED_AT] },
  'space-d': { [LETTER_O]: ['space-do', 0] },
  'space-do': { [LETTER_T]: ['space-dot', 0] },
  'space-dot': { [SPACE]: ['space', HAS_SPELLED_DOT], [CLOSE_BRACKET]: ['idle', HAS_SPELLED_DOT] },
  'open-d': { [LETTER_O]: ['open-do', 0] },
  'open-do': { [LETTER_T]: ['open-dot', 0] },
  'open-dot': { [CLOSE_BRACKET]: ['idle', HAS_SPELLED_DOT] },
  'open-full-stop': { [CLOSE_BRACKET]: ['idle', HAS_SPELLED_DOT] },
  'kana-a': { [KANA_SMALL_TSU]: ['kana-a-tsu', 0] },
  'kana-a-tsu': { [KANA_TO]: ['idle', HAS_KANA_AT] },
  'kana-do': { [KANA_SMALL_TSU]: ['kana-do-tsu', 0] },
  'kana-do-tsu': { [KANA_TO]: ['idle', HAS_SPELLED_DOT] },
};

function addressStep(state: AddressState, unitCode: number): [AddressState, number] {
  // Leetspeak is folded before addresses are, so `d0t` reads as `dot` here.
  const code = AS_LETTER[unitCode] ?? unitCode;
  const transition = ADDRESS_TRANSITIONS[state]?.[code];
  if (transition !== undefined) return transition;
  if (code === AT_SIGN) return ['idle', HAS_AT_SIGN];
  if (code === SPACE) return ['space', 0];
  if (code === OPEN_BRACKET) return ['open', 0];
  if (code === KANA_A) return ['kana-a', 0];
  if (code === KANA_DO) return ['kana-do', 0];
  return ['idle', 0];
}

function buildAddressAutomaton(): Uint16Array {
  const table = new Uint16Array(ADDRESS_STATES.length * CODES);
  ADDRESS_STATES.forEach((state, stateId) => {
    for (let code = 0; code < CODES; code++) {
      const [next, flags] = addressStep(state, code);
      table[stateId * CODES + code] = (ADDRESS_STATES.indexOf(next) * CODES) | flags;
    }
  });
  return table;
}

/**
 * Step as `entry = AUTOMATON[state + code]; state = entry & STATE_MASK; flags |= entry`, from state
 * 0, and once more with OTHER after the last unit; the flags are the bits of FLAG_MASK.
 */
export const CONTEXT_AUTOMATON: Uint16Array = buildContextAutomaton();
export const ADDRESS_AUTOMATON: Uint16Array = buildAddressAutomaton();

/** In a PAIR_AUTOMATON entry: the next state in bits 0-15, then the flags of each automaton. */
export const PAIR_STATE_MASK = 0xffff;
export const CONTEXT_FLAG_SHIFT = 16;
export const ADDRESS_FLAG_SHIFT = 21;
/** Every flag of both automata, as a PAIR_AUTOMATON entry holds them. */
export const PAIR_FLAG_MASK = (FLAG_MASK << CONTEXT_FLAG_SHIFT) | (FLAG_MASK << ADDRESS_FLAG_SHIFT);

/**
 * Both automata stepped as one, over the pairs of states reachable from (0, 0): one dependent load
 * per unit instead of two.
 */
function buildPairAutomaton(): Int32Array {
  const pairs: [number, number][] = [[0, 0]];
  const pairIndex = new Map<number, number>([[0, 0]]);
  const entries: number[] = [];
  for (let index = 0; index < pairs.length; index++) {
    const [context, address] = pairs[index] as [number, number];
    for (let code = 0; code < CODES; code++) {
      const contextEntry = CONTEXT_AUTOMATON[context + code] as number;
      const addressEntry = ADDRESS_AUTOMATON[address + code] as number;
      const next: [number, number] = [contextEntry & STATE_MASK, addressEntry & STATE_MASK];
      const key = next[0] * 0x10000 + next[1];
      let nextIndex = pairIndex.get(key);
      if (nextIndex === undefined) {
        nextIndex = pairs.length;
        pairIndex.set(key, nextIndex);
        pairs.push(next);
      }
      entries.push(
        (nextIndex * CODES) |
          ((contextEntry & FLAG_MASK) << CONTEXT_FLAG_SHIFT) |
          ((addressEntry & FLAG_MASK) << ADDRESS_FLAG_SHIFT),
      );
    }
  }
  if (pairs.length * CODES > PAIR_STATE_MASK + 1)
    throw new RangeError('context automata outgrew 16-bit states');
  return Int32Array.from(entries);
}

/**
 * Step as `entry = PAIR_AUTOMATON[state + code]; state = entry & PAIR_STATE_MASK; flags |= entry`,
 * from state 0, and once more with OTHER after the last unit; the flags are the bits of PAIR_FLAG_MASK.
 */
export const PAIR_AUTOMATON: Int32Array = buildPairAutomaton();

import type { FactTest } from './facts.ts';

/** The operations of a compiled condition tree. */
export const Op = {
  all: 0,
  any: 1,
  not: 2,
  keywords: 3,
  regex: 4,
  detector: 5,
  field: 6,
  fact: 7,
} as const;

/** The text fields a predicate reads, as bits: title, body, tags in TextFieldNames order. */
export const AllTextFields = 0b111;

/** A kind-field comparison, with the path split once at compile time. */
export interface FieldTest {
  readonly path: readonly string[];
  readonly below: number | undefined;
  readonly atLeast: number | undefined;
  readonly oneOf: ReadonlySet<string | number> | undefined;
  readonly present: boolean | undefined;
}

/**
 * One node of a compiled condition. `ref` is the keyword group, regex or detector it reads;
 * `fieldMask` the text fields it looks at. One shape for every node keeps evaluation monomorphic.
 */
export class ConditionNode {
  constructor(
    readonly op: number,
    readonly children: readonly ConditionNode[],
    readonly ref: number,
    readonly fieldMask: number,
    readonly fieldTest: FieldTest | undefined,
    readonly factTest: FactTest | undefined = undefined,
  ) {}
}

/** Whether an item's kind field satisfies every comparison of the test. */
export function testField(item: object, test: FieldTest): boolean {
  let value: unknown = item;
  for (const segment of test.path) {
    if (typeof value !== 'object' || value === null) {
      value = undefined;
      break;
    }
    value = (value as Record<string, unknown>)[segment];
  }
  const present = value !== undefined && value !== null;
  if (test.present !== undefined && test.present !== present) return false;
  if (test.below !== undefined && !(typeof value === 'number' && value < test.below)) return false;
  if (test.atLeast !== undefined && !(typeof value === 'number' && value >= test.atLeast)) return false;
  if (
    test.oneOf !== undefined &&
    !((typeof value === 'string' || typeof value === 'number') && test.oneOf.has(value))
  ) {
    return false;
  }
  return true;
}

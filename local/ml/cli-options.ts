import { InvalidArgumentError } from 'commander';

/** Parses a whole number option such as `--seed`. */
export function parseInteger(value: string): number {
  if (!/^-?[0-9]{1,9}$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

/** Parses a score threshold from 0 to 1. */
export function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === '' || !(score >= 0 && score <= 1))
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return score;
}

/** What to print after `error:` on stderr; the errors raised here already name the file and line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

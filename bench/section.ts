/** Measured figures of a section, nested as they appear in bench/results.json. */
export interface Figures {
  [name: string]: number | Figures;
}

/**
 * A reference printed beside a measured figure: a target, or (as a path within the section, such as
 * `regexBaseline10000.itemsPerSec`) another figure of the same run.
 */
export interface Baseline {
  readonly value: number | string;
  /** Whether a higher measured figure is the better one. */
  readonly higherIsBetter: boolean;
  readonly note: string;
}

/** One benchmark section: its figures go under `name` in bench/results.json. */
export interface BenchSection {
  readonly name: string;
  /**
   * Measures; `progress` writes a line to stderr so a long run shows where it is. Returns its figures:
   * an object whose numbers, at any depth, are the figures (anything else is kept but not printed).
   */
  readonly run: (progress: (message: string) => void) => Promise<object>;
  /** Baselines by figure path within the section, e.g. `keywords10000.itemsPerSec`. */
  readonly baselines?: Readonly<Record<string, Baseline>>;
}

import type { NormalisedText } from '#core/normalise/normalise';
import type { DetectorName } from '#schemas/rule';

/** One text field of an item as the rules see it: what the user wrote and its normalised form. */
export interface FieldText {
  readonly original: string;
  readonly normalised: NormalisedText;
}

/**
 * A literal whose presence in normalised text means a detector may match. Written as a user would
 * write it; the compiler folds it with the normaliser. `word` applies the keyword boundary rule,
 * `left` only checks the start (so `http` also fires in `https`), `none` matches anywhere.
 */
export interface DetectorTrigger {
  readonly text: string;
  readonly boundary: 'word' | 'left' | 'none';
}

/** A built-in detector of contact details, links or off-platform payment. */
export interface Detector {
  readonly name: DetectorName;
  readonly triggers: readonly DetectorTrigger[];
  /** Feature bits (text-features.ts) whose presence also means the detector may match. */
  readonly features: number;
  /**
   * Confirms a match in one field; when `spans` is given, appends each match as a start and an end
   * in original offsets. Absent when a trigger hit is itself the match (the triggers are the terms).
   */
  readonly find?: (field: FieldText, spans: number[] | undefined) => boolean;
}

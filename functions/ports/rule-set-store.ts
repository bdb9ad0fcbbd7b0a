import type { RuleSetAuditEntry, RuleSetPointer, RuleSetVersion } from '#schemas/rule-set-version';

/**
 * Rule-set versions, the pointer to the live one and the rules audit log. Versions are written once
 * (RuleSetConflictError when the number is taken); the pointer moves only from the sequence read.
 */
export interface RuleSetStore {
  /** Every version, without its packs, oldest first. */
  versions(): Promise<Omit<RuleSetVersion, 'packs'>[]>;
  version(number: number): Promise<RuleSetVersion | undefined>;
  pointer(): Promise<RuleSetPointer | undefined>;
  /** Writes a version under its number unless one exists. */
  putVersion(version: RuleSetVersion): Promise<void>;
  /** Moves the pointer when its sequence is still `expectedSeq` (undefined: no pointer yet). */
  movePointer(next: RuleSetPointer, expectedSeq: number | undefined): Promise<void>;
  appendAudit(entry: RuleSetAuditEntry): Promise<void>;
  /** The audit log, newest first, up to `limit` entries. */
  audit(limit: number): Promise<RuleSetAuditEntry[]>;
}

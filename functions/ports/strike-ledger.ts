/** A strike a moderator's decision gives or takes back, keyed by the content version it is for. */
export interface ModeratorStrike {
  tenant: string;
  userId: string;
  contentId: string;
  version: number;
  severity?: string;
  moderatorId: string;
  at: string;
}

/**
 * The review service's seam to the repeat-offender ledger: a removal adds a strike to the author, an
 * overturned removal takes it back. Both are idempotent per (tenant, contentId, version).
 */
export interface StrikeLedger {
  addStrike(strike: ModeratorStrike): Promise<void>;
  removeStrike(strike: ModeratorStrike): Promise<void>;
}

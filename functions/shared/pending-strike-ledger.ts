import type { StrikeLedger } from '#ports/strike-ledger';

/**
 * The seam where moderator strikes meet the repeat-offender ledger: until that ledger's port is wired
 * here, decisions record their strikes in the case audit log only and this ledger accepts them unchanged.
 */
export const pendingStrikeLedger: StrikeLedger = {
  addStrike: async () => {},
  removeStrike: async () => {},
};

import type { Verdict } from '#schemas/verdict';

/** The result of recording a verdict: `created` is false when this version was already decided. */
export interface RecordedVerdict {
  created: boolean;
  verdict: Verdict;
}

/** A content item's latest verdict and its history, oldest first. */
export interface VerdictHistory {
  latest: Verdict;
  history: Verdict[];
}

/**
 * Stores verdicts events-first: one append-only event per (tenant, contentId, version, decider),
 * written conditionally so a redelivery never makes a second verdict, and a status projection.
 */
export interface VerdictStore {
  record(verdict: Verdict): Promise<RecordedVerdict>;
  get(tenant: string, contentId: string): Promise<VerdictHistory | undefined>;
}

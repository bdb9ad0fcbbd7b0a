import type { ItemKey } from './load-mix.ts';
import type { ItemVerdicts } from './verdict-census.ts';

/** What was sent: each valid item with the time it was first sent, and each malformed message. */
export interface LoadLedger {
  sent: number;
  repeats: number;
  /** Valid items by key, with the wall-clock time of their first send. */
  items: Map<string, { item: ItemKey; firstSentAtMs: number }>;
  /** Malformed message ids with the time each was sent. */
  malformed: Map<string, number>;
  /** Ids of the messages that carried valid items, repeats included. */
  validMessageIds: Set<string>;
}

/** What the pipeline shows once the run has settled. */
export interface LoadObservations {
  /** The stored verdicts of each item's sent version, by item key. */
  verdicts: ReadonlyMap<string, ItemVerdicts>;
  /** Message ids found in the DLQ, with whether their rejection reason was found (undefined: not looked up). */
  deadLettered: ReadonlyMap<string, boolean | undefined>;
  /** Verdict events a platform following the event feed saw for the run's items, and how many were repeats. */
  events?: { seen: number; repeated: number };
}

/** The figures `patrol load` prints as its last line. */
export interface LoadReport {
  sent: number;
  valid: number;
  verdicts: number;
  dlq: number;
  lost: number;
  duplicates: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  malformed: number;
  repeats: number;
  /** Valid items with no stored verdict. */
  missingVerdicts: number;
  /** Malformed messages not in the DLQ, or there without their reason. */
  missingFromDlq: number;
  /** Messages with valid items that ended in the DLQ: retried until the receive limit without a verdict. */
  deadLetteredValid: number;
  /** Verdict events delivered again with an event id already seen: allowed (at least once), reported. */
  duplicateEvents: number | null;
}

/**
 * Every valid item must have exactly one verdict and every malformed message must be in the DLQ with
 * its reason; `lost` counts what is not, `duplicates` the items decided more than once. Latency runs
 * from an item's first send to its stored verdict's decision.
 */
export function reconcile(ledger: LoadLedger, observed: LoadObservations): LoadReport {
  let verdicts = 0;
  let duplicates = 0;
  const latencies: number[] = [];
  for (const [key, { firstSentAtMs }] of ledger.items) {
    const stored = observed.verdicts.get(key);
    const count = stored?.count ?? 0;
    if (count > 0) verdicts += 1;
    if (count > 1) duplicates += 1;
    if (stored?.decidedAtMs !== undefined) latencies.push(Math.max(0, stored.decidedAtMs - firstSentAtMs));
  }
  let dlq = 0;
  for (const messageId of ledger.malformed.keys()) {
    if (observed.deadLettered.has(messageId) && observed.deadLettered.get(messageId) !== false) dlq += 1;
  }
  const deadLetteredValid = [...observed.deadLettered.keys()].filter((messageId) =>
    ledger.validMessageIds.has(messageId),
  ).length;
  const missingVerdicts = ledger.items.size - verdicts;
  const missingFromDlq = ledger.malformed.size - dlq;
  latencies.sort((left, right) => left - right);
  return {
    sent: ledger.sent,
    valid: ledger.items.size,
    verdicts,
    dlq,
    lost: missingVerdicts + missingFromDlq,
    duplicates,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    malformed: ledger.malformed.size,
    repeats: ledger.repeats,
    missingVerdicts,
    missingFromDlq,
    deadLetteredValid,
    duplicateEvents: observed.events?.repeated ?? null,
  };
}

/** The nearest-rank percentile of sorted values, rounded to a millisecond; null when there are none. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return Math.round(sorted[index] as number);
}

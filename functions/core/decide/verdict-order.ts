import type { Verdict } from '#schemas/verdict';

/** Orders verdicts as they happened: by content version, then by decision time. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return a.version - b.version || Date.parse(a.decidedAt) - Date.parse(b.decidedAt);
}

/** Whether `candidate` should replace `current` as a content item's status. */
export function supersedes(candidate: Verdict, current: Verdict | undefined): boolean {
  return current === undefined || compareVerdicts(candidate, current) > 0;
}

/** Who decided, as a key part: `auto`, or `moderator:<id>`, so each decider has one verdict per version. */
export function deciderKey(verdict: Pick<Verdict, 'decidedBy'>): string {
  return verdict.decidedBy.type === 'auto' ? 'auto' : `moderator:${verdict.decidedBy.moderatorId}`;
}

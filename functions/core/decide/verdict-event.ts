import type { VerdictEvent } from '#schemas/event';
import type { Verdict } from '#schemas/verdict';

/**
 * The event platforms receive for a stored verdict. Its `eventId` is the same on every delivery
 * (`{tenant}:{contentId}:{version}:{auto|moderator id}`), so a platform de-duplicates on it.
 */
export function toVerdictEvent(verdict: Verdict): VerdictEvent {
  const decider = verdict.decidedBy.type === 'auto' ? 'auto' : verdict.decidedBy.moderatorId;
  return {
    eventId: `${verdict.tenant}:${verdict.contentId}:${verdict.version}:${decider}`,
    type: 'verdict.decided',
    occurredAt: verdict.decidedAt,
    tenant: verdict.tenant,
    contentId: verdict.contentId,
    version: verdict.version,
    verdict,
  };
}

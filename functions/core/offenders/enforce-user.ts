import type { EnforcementRecord, OffenderStore } from '#ports/offender-store';
import { levelRank } from '#schemas/enforcement';
import type { EnforcementEvent } from '#schemas/event';
import type { ManualEnforcement } from '#schemas/offender';
import type { OffenderPolicy } from '#schemas/offender-policy';
import { EnforcementContentionError, NothingToEnforceError } from './errors.ts';
import { appendAndProject, enforcementEventId, MAX_ENFORCEMENT_ATTEMPTS } from './escalate.ts';
import { enforcementInForce, impliedLevel } from './ladder.ts';
import { activeStrikeTotal, decayMs } from './strikes.ts';

const DAY_MS = 86_400_000;
const NO_POSTS = Number.MAX_SAFE_INTEGER;

/**
 * A lead's manual action on a user, recorded as an enforcement event like every other (and sent to
 * the platform the same way). The ladder then counts from it: a lift leaves the user on the rung
 * their strikes imply, so only a new crossing escalates again. Daily caps bind automated actions only.
 */
export async function enforceUser(
  target: { tenant: string; userId: string },
  request: ManualEnforcement,
  dependencies: { store: OffenderStore; policy: OffenderPolicy; now: Date },
): Promise<EnforcementEvent> {
  const { store, policy, now } = dependencies;
  const nowMs = now.getTime();
  for (let attempt = 1; attempt <= MAX_ENFORCEMENT_ATTEMPTS; attempt++) {
    const { status, strikes } = await store.readAuthor(target.tenant, target.userId, NO_POSTS);
    if (request.action === 'lift' && enforcementInForce(status?.enforcement, nowMs) === 'none')
      throw new NothingToEnforceError(`user ${target.userId} has no enforcement in force to lift`);
    const total = activeStrikeTotal(strikes, nowMs, decayMs(policy.strikes));
    const implied = impliedLevel(total, policy.ladder);
    const ladderLevel =
      request.action === 'lift' || levelRank(implied) > levelRank(request.action) ? implied : request.action;
    const sequence = (status?.sequence ?? 0) + 1;
    const record: EnforcementRecord = {
      event: {
        eventId: enforcementEventId(target.tenant, target.userId, sequence),
        type: 'enforcement.applied',
        occurredAt: now.toISOString(),
        tenant: target.tenant,
        userId: target.userId,
        sequence,
        action: request.action,
        ...(request.action === 'restrict'
          ? { restrictedUntil: new Date(nowMs + (request.days ?? 0) * DAY_MS).toISOString() }
          : {}),
        decidedBy: { type: 'moderator', moderatorId: request.moderatorId },
        reason: request.reason,
        strikes: total,
      },
      ladder: { level: ladderLevel, atMs: nowMs },
    };
    const appended = await appendAndProject(store, record, status);
    if (appended.created) return appended.record.event;
  }
  throw new EnforcementContentionError(target.tenant, target.userId, MAX_ENFORCEMENT_ATTEMPTS);
}

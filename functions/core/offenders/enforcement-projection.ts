import type {
  EnforcementInForce,
  EnforcementRecord,
  LadderPosition,
  SignalMarking,
  UserStatus,
} from '#ports/offender-store';
import { BlockingLevels, type EnforcementLevel } from '#schemas/enforcement';

/** What applying an enforcement record sets on the user's status; `enforcement` is absent when it stays. */
export interface EnforcementProjection {
  sequence: number;
  ladder: LadderPosition;
  enforcement?: EnforcementInForce;
}

/**
 * The status fields an enforcement record sets. A review request moves the ladder position only,
 * since nothing was enforced; a lift leaves no enforcement in force.
 */
export function projectionOf(record: EnforcementRecord): EnforcementProjection {
  const { event, ladder } = record;
  if (event.type === 'enforcement.review_requested') return { sequence: event.sequence, ladder };
  const sinceMs = Date.parse(event.occurredAt);
  const enforcement: EnforcementInForce = {
    action: event.action === 'lift' ? 'none' : event.action,
    sinceMs,
    reason: event.reason,
    lastAction: event.action,
    ...(event.restrictedUntil === undefined ? {} : { restrictedUntilMs: Date.parse(event.restrictedUntil) }),
  };
  return { sequence: event.sequence, ladder, enforcement };
}

/** A user's status after a projection, unless a later record is already applied. */
export function applyProjection(
  status: UserStatus | undefined,
  projection: EnforcementProjection,
): UserStatus {
  const current = status ?? emptyStatus();
  if (current.sequence >= projection.sequence) return current;
  return {
    ...current,
    sequence: projection.sequence,
    ladder: projection.ladder,
    enforcement: projection.enforcement ?? current.enforcement,
  };
}

/** The status of a user Patrol has not acted on. */
export function emptyStatus(): UserStatus {
  return { sequence: 0, enforcement: { action: 'none' }, ladder: { level: 'none', atMs: 0 }, signals: [] };
}

/**
 * What a record does to the user's signal partitions: a suspension or ban marks the user there, so a
 * new account sharing a signal sees it; anything that ends one clears the marks.
 */
export function signalMarkingFor(record: EnforcementRecord, previous: UserStatus | undefined): SignalMarking {
  const projection = projectionOf(record);
  if (projection.enforcement === undefined) return 'unchanged';
  const level = signalMarkOf(projection.enforcement.action);
  if (level !== undefined) return { level };
  return BlockingLevels.includes(previous?.enforcement.action ?? 'none') ? 'clear' : 'unchanged';
}

/** The mark a user's signals carry under an enforcement: the suspension or ban in force, else none. */
export function signalMarkOf(action: EnforcementLevel | undefined): 'suspend' | 'ban' | undefined {
  return action === 'suspend' || action === 'ban' ? action : undefined;
}

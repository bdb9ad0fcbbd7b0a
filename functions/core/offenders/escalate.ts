import type { EnforcementRecord, OffenderStore, UserStatus } from '#ports/offender-store';
import type { EnforcementEvent } from '#schemas/event';
import type { OffenderPolicy } from '#schemas/offender-policy';
import { signalMarkingFor } from './enforcement-projection.ts';
import { EnforcementContentionError } from './errors.ts';
import { type LadderCrossing, nextCrossing } from './ladder.ts';

const DAY_MS = 86_400_000;
/** Attempts at the next sequence before giving up; each lost one means another change was applied. */
export const MAX_ENFORCEMENT_ATTEMPTS = 5;
/** Reading the ledger with this lower bound for posts reads no posts. */
const NO_POSTS = Number.MAX_SAFE_INTEGER;

/** The content version whose strike made the ladder move. */
export interface StrikeCause {
  contentId: string;
  version: number;
}

/** The stable id of a user's enforcement event: tenant, user and sequence. */
export function enforcementEventId(tenant: string, userId: string, sequence: number): string {
  return `${tenant}:user:${userId}:enforcement:${sequence}`;
}

/**
 * Applies the ladder after a user's strikes changed: when the active total crosses a rung above where
 * the user stands, appends one enforcement event at the user's next sequence (a conditional write,
 * so concurrent deliveries emit it once) and projects it. An automated suspension or ban past the
 * tenant's daily cap becomes a review request instead. Returns the record this call appended, if any.
 */
export async function escalate(
  target: { tenant: string; userId: string },
  cause: StrikeCause | undefined,
  dependencies: { store: OffenderStore; policy: OffenderPolicy; now: Date },
): Promise<EnforcementRecord | undefined> {
  const { store, policy, now } = dependencies;
  const nowMs = now.getTime();
  for (let attempt = 1; attempt <= MAX_ENFORCEMENT_ATTEMPTS; attempt++) {
    const { status, strikes } = await store.readAuthor(target.tenant, target.userId, NO_POSTS);
    const crossing = nextCrossing(status, strikes, nowMs, policy);
    if (crossing === undefined) return undefined;
    const sequence = (status?.sequence ?? 0) + 1;
    const allowed = await withinDailyCap(store, policy, target, crossing, sequence, now);
    const record = automatedRecord(target, crossing, sequence, cause, allowed, now);
    const appended = await appendAndProject(store, record, status);
    if (appended.created) return appended.record;
  }
  throw new EnforcementContentionError(target.tenant, target.userId, MAX_ENFORCEMENT_ATTEMPTS);
}

/**
 * Appends a record at its sequence and applies whatever record holds that sequence afterwards, so a
 * lost race still leaves the winner's change projected before the caller looks again.
 */
export async function appendAndProject(
  store: OffenderStore,
  record: EnforcementRecord,
  status: UserStatus | undefined,
): Promise<{ created: boolean; record: EnforcementRecord }> {
  const appended = await store.appendEnforcement(record);
  await store.projectEnforcement(
    appended.record,
    status?.signals ?? [],
    signalMarkingFor(appended.record, status),
  );
  return appended;
}

async function withinDailyCap(
  store: OffenderStore,
  policy: OffenderPolicy,
  target: { tenant: string; userId: string },
  crossing: LadderCrossing,
  sequence: number,
  now: Date,
): Promise<boolean> {
  const { action } = crossing.step;
  if (action !== 'suspend' && action !== 'ban') return true;
  return store.reserveDailyCap({
    tenant: target.tenant,
    action,
    day: now.toISOString().slice(0, 10),
    key: `${target.userId}#${sequence}`,
    cap: policy.dailyCaps[action],
  });
}

function automatedRecord(
  target: { tenant: string; userId: string },
  crossing: LadderCrossing,
  sequence: number,
  cause: StrikeCause | undefined,
  allowed: boolean,
  now: Date,
): EnforcementRecord {
  const { step, strikes } = crossing;
  const reached = `${formatStrikes(strikes)} active strikes reached the ${step.action} threshold of ${step.at}`;
  const event: EnforcementEvent = {
    eventId: enforcementEventId(target.tenant, target.userId, sequence),
    type: allowed ? 'enforcement.applied' : 'enforcement.review_requested',
    occurredAt: now.toISOString(),
    tenant: target.tenant,
    userId: target.userId,
    sequence,
    action: step.action,
    ...(step.action === 'restrict' && allowed
      ? { restrictedUntil: new Date(now.getTime() + (step.days ?? 0) * DAY_MS).toISOString() }
      : {}),
    decidedBy: { type: 'auto' },
    reason: allowed
      ? reached
      : `${reached}, but the tenant's daily cap of automated ${step.action}s is spent`,
    strikes,
    ...(cause === undefined ? {} : { cause }),
  };
  return { event, ladder: { level: step.action, atMs: now.getTime() } };
}

function formatStrikes(strikes: number): string {
  return Number.isInteger(strikes) ? String(strikes) : strikes.toFixed(2);
}

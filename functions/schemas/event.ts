import * as z from 'zod';
import { EnforcementActionSchema } from './enforcement.ts';
import { DeciderSchema, VerdictSchema } from './verdict.ts';

/**
 * A verdict event as platforms receive it. `eventId` is stable across redeliveries, so a
 * platform de-duplicates on it: `{tenant}:{contentId}:{version}:{source}`.
 */
export const VerdictEventSchema = z
  .object({
    eventId: z.string().min(1),
    type: z.literal('verdict.decided'),
    occurredAt: z.iso.datetime({ offset: true }),
    tenant: z.string(),
    contentId: z.string(),
    version: z.number().int().nonnegative(),
    verdict: VerdictSchema,
  })
  .strict();
export type VerdictEvent = z.infer<typeof VerdictEventSchema>;

/**
 * A change of enforcement against a user, as platforms receive it: `enforcement.applied` when the
 * ladder or a lead acted, `enforcement.review_requested` when an automated suspension or ban was past
 * the tenant's daily cap and waits for a person instead. `eventId` is stable across redeliveries:
 * `{tenant}:user:{userId}:enforcement:{sequence}`.
 * Example: `{"eventId":"acme-market:user:u-1:enforcement:2","type":"enforcement.applied","action":"restrict",
 * "restrictedUntil":"2026-11-27T09:00:00.000Z","strikes":6,...}`
 */
export const EnforcementEventSchema = z
  .object({
    eventId: z.string().min(1),
    type: z.enum(['enforcement.applied', 'enforcement.review_requested']),
    occurredAt: z.iso.datetime({ offset: true }),
    tenant: z.string(),
    userId: z.string(),
    /** The user's enforcement events are numbered from 1, in the order they took effect. */
    sequence: z.number().int().positive(),
    action: EnforcementActionSchema,
    /** Until when posting is restricted; only for `restrict`. */
    restrictedUntil: z.iso.datetime({ offset: true }).optional(),
    decidedBy: DeciderSchema,
    reason: z.string().min(1).max(1_000),
    /** The user's active strikes (after decay) when the change was decided. */
    strikes: z.number().nonnegative(),
    /** The content version whose strike crossed the threshold, for automated changes. */
    cause: z.object({ contentId: z.string(), version: z.number().int().nonnegative() }).strict().optional(),
  })
  .strict();
export type EnforcementEvent = z.infer<typeof EnforcementEventSchema>;

/** Every event Patrol sends platforms, told apart by `type`. */
export const PatrolEventSchema = z.union([VerdictEventSchema, EnforcementEventSchema]);
export type PatrolEvent = z.infer<typeof PatrolEventSchema>;

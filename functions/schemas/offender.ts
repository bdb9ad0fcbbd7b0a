import * as z from 'zod';
import { EnforcementActionSchema, EnforcementLevelSchema } from './enforcement.ts';
import { EnforcementEventSchema } from './event.ts';
import { SeveritySchema } from './rule.ts';
import { type SignalName, SignalNames } from './submission.ts';
import { DeciderSchema, DecisionSchema } from './verdict.ts';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/**
 * A strike against a user for one content version: added when a block was enforced or a moderator
 * removed the content, weighted by the rule's severity; `removed` when a moderator overturned it.
 */
export const StrikeSchema = z
  .object({
    tenant: z.string(),
    userId: z.string(),
    contentId: z.string(),
    version: z.number().int().nonnegative(),
    kind: z.string(),
    severity: SeveritySchema,
    weight: z.number().nonnegative(),
    ruleIds: z.array(z.string()),
    clauses: z.array(z.string()),
    decidedBy: DeciderSchema,
    at: IsoTimeSchema,
    removed: z.object({ at: IsoTimeSchema, by: DeciderSchema, reason: z.string() }).strict().optional(),
  })
  .strict();
export type Strike = z.infer<typeof StrikeSchema>;

/** A strike as `GET /v1/users` shows it: whether it still counts, and until when. */
export const StrikeViewSchema = StrikeSchema.extend({
  active: z.boolean(),
  countsUntil: IsoTimeSchema,
}).strict();
export type StrikeView = z.infer<typeof StrikeViewSchema>;

/** The enforcement in force and the last change that set it. */
export const EnforcementStateSchema = z
  .object({
    level: EnforcementLevelSchema,
    restrictedUntil: IsoTimeSchema.optional(),
    since: IsoTimeSchema.optional(),
    lastAction: EnforcementActionSchema.optional(),
    reason: z.string().optional(),
  })
  .strict();
export type EnforcementState = z.infer<typeof EnforcementStateSchema>;

/** Another account sharing identity signals with the user; `enforcement` when it is suspended or banned. */
export const LinkedAccountSchema = z
  .object({
    userId: z.string(),
    signals: z.array(z.enum(SignalNames as [SignalName, ...SignalName[]])).min(1),
    enforcement: z.enum(['suspend', 'ban']).optional(),
  })
  .strict();
export type LinkedAccount = z.infer<typeof LinkedAccountSchema>;

/** One of the user's recent posts and its latest verdict, when one is stored. */
export const RecentVerdictSchema = z
  .object({
    contentId: z.string(),
    version: z.number().int().nonnegative(),
    kind: z.string(),
    postedAt: IsoTimeSchema,
    decision: DecisionSchema.optional(),
    ruleIds: z.array(z.string()),
    decidedAt: IsoTimeSchema.optional(),
  })
  .strict();
export type RecentVerdict = z.infer<typeof RecentVerdictSchema>;

/**
 * What `GET /v1/users/{tenant}/{userId}` answers: strikes with their reasons, the enforcement in
 * force and its history, linked accounts and recent verdicts. Never a signal value, hashed or raw.
 */
export const UserRecordSchema = z
  .object({
    tenant: z.string(),
    userId: z.string(),
    strikes: z
      .object({ total: z.number().nonnegative(), decayDays: z.number(), items: z.array(StrikeViewSchema) })
      .strict(),
    enforcement: EnforcementStateSchema,
    enforcementHistory: z.array(EnforcementEventSchema),
    linkedAccounts: z.array(LinkedAccountSchema),
    recentVerdicts: z.array(RecentVerdictSchema),
  })
  .strict();
export type UserRecord = z.infer<typeof UserRecordSchema>;

/**
 * What a lead asks for on a user (`POST /v1/users/{tenant}/{userId}/enforcements`, `patrol users
 * enforce`): the action, how many days a restriction lasts, and why.
 * Example: `{"action":"restrict","days":7,"reason":"relisted counterfeit goods after two removals"}`
 */
export const EnforceUserRequestSchema = z
  .object({
    action: EnforcementActionSchema,
    days: z.number().int().positive().max(3_650).optional(),
    reason: z.string().trim().min(1).max(1_000),
  })
  .strict()
  .superRefine((request, context) => {
    if (request.action === 'restrict' && request.days === undefined)
      context.addIssue({ code: 'custom', path: ['days'], message: 'restrict needs days' });
    if (request.action !== 'restrict' && request.days !== undefined)
      context.addIssue({ code: 'custom', path: ['days'], message: 'days applies only to restrict' });
  });
export type EnforceUserRequest = z.infer<typeof EnforceUserRequestSchema>;

/** A lead's manual action on a user with who took it, recorded as an enforcement event. */
export type ManualEnforcement = EnforceUserRequest & { moderatorId: string };

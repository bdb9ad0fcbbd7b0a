import * as z from 'zod';
import { LadderLevelSchema } from './enforcement.ts';

/** How strikes count: each weighs by its rule's severity and stops counting `decayDays` after it was added. */
export const StrikePolicySchema = z
  .object({
    decayDays: z.number().positive().max(3_650),
    weights: z
      .object({
        low: z.number().nonnegative(),
        medium: z.number().nonnegative(),
        high: z.number().nonnegative(),
        critical: z.number().nonnegative(),
      })
      .strict(),
  })
  .strict();
export type StrikePolicy = z.infer<typeof StrikePolicySchema>;

/** One rung of the ladder: at `at` active strikes, `action`; `restrict` lasts `days`. */
export const LadderStepSchema = z
  .object({
    at: z.number().positive(),
    action: LadderLevelSchema,
    days: z.number().int().positive().max(3_650).optional(),
  })
  .strict()
  .superRefine((step, context) => {
    if (step.action === 'restrict' && step.days === undefined)
      context.addIssue({ code: 'custom', path: ['days'], message: 'restrict needs days: how long it lasts' });
    if (step.action !== 'restrict' && step.days !== undefined)
      context.addIssue({ code: 'custom', path: ['days'], message: `days applies only to restrict` });
  });
export type LadderStep = z.infer<typeof LadderStepSchema>;

/** The ladder: rungs with rising thresholds and ever harsher actions, each action at most once. */
export const LadderSchema = z
  .array(LadderStepSchema)
  .min(1)
  .superRefine((steps, context) => {
    const order = LadderLevelSchema.options;
    for (let index = 1; index < steps.length; index++) {
      const previous = steps[index - 1] as LadderStep;
      const step = steps[index] as LadderStep;
      if (step.at <= previous.at)
        context.addIssue({
          code: 'custom',
          path: [index, 'at'],
          message: `thresholds must rise: ${step.at} is not above ${previous.at} of the rung before`,
        });
      if (order.indexOf(step.action) <= order.indexOf(previous.action))
        context.addIssue({
          code: 'custom',
          path: [index, 'action'],
          message: `actions must get harsher down the ladder (${order.join(', ')}): ${step.action} comes after ${previous.action}`,
        });
    }
  });

/** Automated suspensions and bans per tenant and UTC day; past the cap, each becomes a review request. */
export const DailyCapsSchema = z
  .object({ suspend: z.number().int().nonnegative(), ban: z.number().int().nonnegative() })
  .strict();

/** How near-duplicate text across users is counted. */
export const DuplicateTextPolicySchema = z
  .object({
    /** Posts within this many minutes before the item count. */
    windowMinutes: z.number().int().positive().max(10_080),
    /** Shorter normalised text is not fingerprinted: short greetings are the same everywhere. */
    minCharacters: z.number().int().nonnegative(),
    /** Texts whose MinHash signatures agree on at least this share count as the same text. */
    minSimilarity: z.number().gt(0).max(1),
  })
  .strict();

/**
 * A tenant's offender policy: strike weights and decay, the enforcement ladder, daily caps and the
 * duplicate-text window. policies/tenants/default.yaml holds every field.
 * Example: `{"tenant":"default","strikes":{"decayDays":90,"weights":{"low":1,"medium":1,"high":2,"critical":3}},
 * "ladder":[{"at":3,"action":"warn"},{"at":6,"action":"restrict","days":7}],"dailyCaps":{"suspend":100,"ban":20},
 * "duplicateText":{"windowMinutes":60,"minCharacters":40,"minSimilarity":0.5}}`
 */
export const OffenderPolicySchema = z
  .object({
    tenant: z.string().min(1),
    strikes: StrikePolicySchema,
    ladder: LadderSchema,
    dailyCaps: DailyCapsSchema,
    duplicateText: DuplicateTextPolicySchema,
  })
  .strict();
export type OffenderPolicy = z.infer<typeof OffenderPolicySchema>;

/**
 * A tenant's file (policies/tenants/<tenant>.yaml): any section it gives replaces the default's,
 * field by field; the ladder, a list, is replaced whole.
 */
export const OffenderPolicyOverrideSchema = z
  .object({
    tenant: z.string().min(1),
    strikes: StrikePolicySchema.partial()
      .extend({ weights: StrikePolicySchema.shape.weights.partial() })
      .partial()
      .optional(),
    ladder: LadderSchema.optional(),
    dailyCaps: DailyCapsSchema.partial().optional(),
    duplicateText: DuplicateTextPolicySchema.partial().optional(),
  })
  .strict();
export type OffenderPolicyOverride = z.infer<typeof OffenderPolicyOverrideSchema>;

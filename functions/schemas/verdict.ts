import * as z from 'zod';
import { ActionSchema, PrioritySchema, RuleStatusSchema, SeveritySchema } from './rule.ts';
import { TextFieldNames } from './submission.ts';

/** The three outcomes, in order: allow < review < block. */
export const DecisionSchema = z.enum(['allow', 'review', 'block']);
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * A matched span in original-text offsets of one field (UTF-16 code units, end exclusive);
 * tags are joined with a newline.
 */
export const SpanSchema = z
  .object({
    field: z.enum(TextFieldNames),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .strict();
export type Span = z.infer<typeof SpanSchema>;

/** Why a rule matched: the rule, the clause it enforces, what it does and where it matched. */
export const ReasonSchema = z
  .object({
    ruleId: z.string(),
    clause: z.string(),
    severity: SeveritySchema,
    status: RuleStatusSchema.exclude(['draft']),
    action: ActionSchema,
    spans: z.array(SpanSchema),
  })
  .strict();
export type Reason = z.infer<typeof ReasonSchema>;

/** Who decided: the automated pipeline or a moderator. */
export const DeciderSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto') }).strict(),
  z.object({ type: z.literal('moderator'), moderatorId: z.string().min(1) }).strict(),
]);

/** The outcome of evaluating one item, before it is stored. */
export const EvaluationSchema = z
  .object({
    decision: DecisionSchema,
    reasons: z.array(ReasonSchema),
    shadowReasons: z.array(ReasonSchema),
    labels: z.array(z.string()),
    review: z.object({ queue: z.string(), priority: PrioritySchema }).strict().optional(),
  })
  .strict();
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** A stored verdict on one version of one content item. */
export const VerdictSchema = EvaluationSchema.extend({
  tenant: z.string(),
  contentId: z.string(),
  version: z.number().int().nonnegative(),
  kind: z.string(),
  decidedBy: DeciderSchema,
  decidedAt: z.iso.datetime({ offset: true }),
  ruleSetVersion: z.string(),
}).strict();
export type Verdict = z.infer<typeof VerdictSchema>;

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

/** One classifier's scores on an item: which model, what it cost, and why it scored nothing if it did not. */
export const MlModelScoresSchema = z
  .object({
    modelId: z.string().min(1),
    modelVersion: z.string().min(1),
    /** Calibrated scores from 0 to 1 by label. */
    scores: z.record(z.string(), z.number().min(0).max(1)),
    costUsd: z.number().nonnegative(),
    language: z.string().optional(),
    skipped: z.enum(['unsupported_language', 'language_unknown']).optional(),
  })
  .strict();
export type MlModelScores = z.infer<typeof MlModelScoresSchema>;

/** Why a classifier the item needed gave no scores; `budget_exceeded` is the tenant's daily cap. */
export const MlUnavailableReasonSchema = z.enum([
  'throttled',
  'timeout',
  'call_failed',
  'circuit_open',
  'budget_exceeded',
  'classifier_failed',
]);

/**
 * The ML checks behind a verdict: each classifier's scores (the embedded model, then Comprehend when it
 * was called), their total cost, and which one could not answer, if one did not.
 * Example: `{"models":[{"modelId":"patrol-starter","modelVersion":"4063766a5ced8aff","scores":{"scam":0.12},
 * "costUsd":0}],"costUsd":0}`
 */
export const MlOutcomeSchema = z
  .object({
    models: z.array(MlModelScoresSchema),
    costUsd: z.number().nonnegative(),
    /** Which classifier could not answer: the embedded model, or the paid one (Comprehend). */
    unavailable: z
      .object({ classifier: z.enum(['embedded', 'paid']), reason: MlUnavailableReasonSchema })
      .strict()
      .optional(),
  })
  .strict();
export type MlOutcome = z.infer<typeof MlOutcomeSchema>;

/** A stored verdict on one version of one content item. */
export const VerdictSchema = EvaluationSchema.extend({
  tenant: z.string(),
  contentId: z.string(),
  version: z.number().int().nonnegative(),
  kind: z.string(),
  decidedBy: DeciderSchema,
  decidedAt: z.iso.datetime({ offset: true }),
  ruleSetVersion: z.string(),
  /** Present when classifiers ran or were needed; absent on verdicts decided by rules alone. */
  ml: MlOutcomeSchema.optional(),
}).strict();
export type Verdict = z.infer<typeof VerdictSchema>;

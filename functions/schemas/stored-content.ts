import * as z from 'zod';
import { AuthorSummarySchema, ContentSnapshotSchema } from './review-case.ts';
import { TenantSchema } from './submission.ts';
import { DecisionSchema } from './verdict.ts';

/**
 * A content item as posted, kept for back-tests and re-patrols (verdicts keep no text): the snapshot
 * a case would show, the author without signals, and the automatic decision it got.
 */
export const StoredContentSchema = z
  .object({
    tenant: TenantSchema,
    contentId: z.string().min(1),
    author: AuthorSummarySchema,
    snapshot: ContentSnapshotSchema,
    decision: DecisionSchema,
    ruleSetVersion: z.string(),
    recordedAt: z.string(),
    /** The rules that matched, live and shadow, for per-rule figures. */
    ruleIds: z.array(z.string()).optional(),
    /** Classifiers that answered for this item and what they cost. */
    mlCalls: z.number().int().nonnegative().optional(),
    mlCostUsd: z.number().nonnegative().optional(),
  })
  .strict();
export type StoredContent = z.infer<typeof StoredContentSchema>;

/** A re-patrol's progress: how many stored items it has evaluated of how many, and the cases it opened. */
export const RepatrolJobSchema = z
  .object({
    jobId: z.string(),
    tenant: TenantSchema,
    startedBy: z.string(),
    startedAt: z.string(),
    ruleSetVersion: z.number().int().positive(),
    ruleId: z.string().optional(),
    days: z.number().int().positive(),
    status: z.enum(['running', 'done', 'failed']),
    total: z.number().int().nonnegative(),
    evaluated: z.number().int().nonnegative(),
    newHits: z.number().int().nonnegative(),
    casesRequested: z.number().int().nonnegative(),
    finishedAt: z.string().optional(),
    error: z.string().optional(),
  })
  .strict();
export type RepatrolJob = z.infer<typeof RepatrolJobSchema>;

/** `POST /v1/rule-sets/repatrol`: re-patrol published content of the last `days` with the live rules, or one live rule. */
export const RepatrolBodySchema = z
  .object({ days: z.number().int().min(1).max(30).default(7), ruleId: z.string().min(1).optional() })
  .strict()
  .default({ days: 7 });

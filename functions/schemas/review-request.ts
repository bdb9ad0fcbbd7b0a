import * as z from 'zod';
import { AuthorSummarySchema, ContentSnapshotSchema, ReportSchema, SubjectSchema } from './review-case.ts';
import { TenantSchema } from './submission.ts';
import { VerdictSchema } from './verdict.ts';

/** A borderline verdict for people to review, with the content as it was decided. */
export const VerdictReviewRequestSchema = z
  .object({
    type: z.literal('verdict'),
    verdict: VerdictSchema,
    snapshot: ContentSnapshotSchema,
    author: AuthorSummarySchema,
  })
  .strict();

/** A user's report of a content item or a user; the report's own content id identifies it. */
export const ReportReviewRequestSchema = z
  .object({
    type: z.literal('report'),
    tenant: TenantSchema,
    subject: SubjectSchema,
    report: ReportSchema,
  })
  .strict();

/**
 * A message on the review queue, which the intake function turns into a case.
 * Example: `{"type":"report","tenant":"acme-market","subject":{"type":"content","contentId":"l-1"},"report":{...}}`.
 */
export const ReviewRequestSchema = z.discriminatedUnion('type', [
  VerdictReviewRequestSchema,
  ReportReviewRequestSchema,
]);
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

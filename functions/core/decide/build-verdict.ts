import type { Submission } from '#schemas/submission';
import type { Evaluation, MlOutcome, Verdict } from '#schemas/verdict';

/** The automatic verdict on one submission: the evaluation's outcome, stamped with when, by which rules and ML. */
export function buildAutoVerdict(
  submission: Submission,
  evaluation: Evaluation,
  ruleSetVersion: string,
  decidedAt: Date,
  ml?: MlOutcome,
): Verdict {
  return {
    tenant: submission.tenant,
    contentId: submission.contentId,
    version: submission.version,
    kind: submission.kind,
    decision: evaluation.decision,
    reasons: evaluation.reasons,
    shadowReasons: evaluation.shadowReasons,
    labels: evaluation.labels,
    ...(evaluation.review === undefined ? {} : { review: evaluation.review }),
    decidedBy: { type: 'auto' },
    decidedAt: decidedAt.toISOString(),
    ruleSetVersion,
    ...(ml === undefined ? {} : { ml }),
  };
}

import type { MlScores } from '#core/rules/facts';
import type { Classifier, ClassifierResult } from '#ports/classifier';
import type { Priority } from '#schemas/rule';
import type { Submission } from '#schemas/submission';
import {
  type Evaluation,
  type MlModelScores,
  type MlOutcome,
  MlUnavailableReasonSchema,
  type Reason,
} from '#schemas/verdict';
import { MlBudgetStoreUnavailableError } from './errors.ts';

/** The classifiers of the ingest path, cheapest first. */
export interface MlDependencies {
  /** The embedded model: free and fast, so it runs for every item the rules have not blocked. */
  embedded?: Classifier;
  /** A paid classifier (Comprehend): only for items still undecided after the rules and the embedded model. */
  paid?: Classifier;
  /** Where an item goes when a classifier it needed could not answer; `ml-checks` at P3 by default. */
  unavailableReview?: { queue: string; priority: Priority };
}

/** The rule id recorded on a verdict sent to review because ML could not answer. */
export const ML_UNAVAILABLE = 'ml_unavailable';
const DEFAULT_UNAVAILABLE_REVIEW = { queue: 'ml-checks', priority: 'P3' } as const;

/** The evaluation after the ML checks, and what they found; `ml` is absent when no classifier ran. */
export interface MlCheckedEvaluation {
  evaluation: Evaluation;
  ml?: MlOutcome;
}

/**
 * Runs the classifiers an item still needs, Osprey-style: nothing for an item the rules block, the
 * embedded model next, then the paid classifier only while the item is not blocked. The rules are
 * evaluated again with the scores each time (`reevaluate`). A classifier that cannot answer sends the
 * item to review with reason `ml_unavailable`, except a spent budget, which leaves the rules and the
 * embedded model to decide (the budget's metric is the alarm). A paid classifier failing for another
 * reason (its budget store) throws `MlBudgetStoreUnavailableError`, so the message is retried.
 */
export async function runMlChecks(
  submission: Submission,
  rulesOnly: Evaluation,
  reevaluate: (mlScores: MlScores) => Evaluation,
  dependencies: MlDependencies,
): Promise<MlCheckedEvaluation> {
  const classifiers = (['embedded', 'paid'] as const).flatMap((role) => {
    const classifier = dependencies[role];
    return classifier === undefined ? [] : [{ role, classifier }];
  });
  const segments = segmentsOf(submission);
  if (classifiers.length === 0 || rulesOnly.decision === 'block' || segments.length === 0) {
    return { evaluation: rulesOnly };
  }
  const input = {
    tenant: submission.tenant,
    segments,
    ...(submission.locale === undefined ? {} : { locale: submission.locale }),
  };
  let evaluation = rulesOnly;
  const models: MlModelScores[] = [];
  const scores: Record<string, number> = {};
  for (const { role, classifier } of classifiers) {
    if (evaluation.decision === 'block') break;
    let result: ClassifierResult;
    try {
      result = await classifier.classify(input);
    } catch (error) {
      const reason = unavailableReasonOf(error);
      if (reason === undefined && role === 'paid') throw new MlBudgetStoreUnavailableError({ cause: error });
      const ml = outcome(models, { classifier: role, reason: reason ?? 'classifier_failed' });
      if (reason === 'budget_exceeded') return { evaluation, ml };
      return { evaluation: sentToReview(evaluation, dependencies), ml };
    }
    models.push(recorded(result));
    for (const [label, score] of Object.entries(result.scores)) {
      scores[label] = Math.max(scores[label] ?? 0, score);
    }
    evaluation = reevaluate(scores);
  }
  return { evaluation, ml: outcome(models) };
}

/** The text fields in reading order, as the classifier port expects them. */
function segmentsOf(submission: Submission): string[] {
  const fields = [submission.title, submission.body, submission.tags?.join('\n')];
  return fields.filter((field): field is string => field !== undefined && field.trim() !== '');
}

function recorded(result: ClassifierResult): MlModelScores {
  return {
    modelId: result.modelId,
    modelVersion: result.modelVersion,
    scores: { ...result.scores },
    costUsd: result.costUsd,
    ...(result.language === undefined ? {} : { language: result.language }),
    ...(result.skipped === undefined ? {} : { skipped: result.skipped }),
  };
}

function outcome(models: MlModelScores[], unavailable?: MlOutcome['unavailable']): MlOutcome {
  return {
    models,
    costUsd: models.reduce((total, model) => total + model.costUsd, 0),
    ...(unavailable === undefined ? {} : { unavailable }),
  };
}

/** The outage a classifier's error names (`MlUnavailableError.reason`), or undefined for any other failure. */
function unavailableReasonOf(error: unknown) {
  const parsed = MlUnavailableReasonSchema.safeParse((error as { reason?: unknown } | null)?.reason);
  return parsed.success ? parsed.data : undefined;
}

/** The item is never allowed on rules alone when ML it needed failed: review, keeping any review the rules chose. */
function sentToReview(evaluation: Evaluation, dependencies: MlDependencies): Evaluation {
  if (evaluation.decision === 'block') return evaluation;
  const review = evaluation.review ?? dependencies.unavailableReview ?? DEFAULT_UNAVAILABLE_REVIEW;
  const reason: Reason = {
    ruleId: ML_UNAVAILABLE,
    clause: 'ML checks could not score the item, so a person decides instead of the rules alone',
    severity: 'medium',
    status: 'live',
    action: { type: 'review', queue: review.queue, priority: review.priority },
    spans: [],
  };
  return { ...evaluation, decision: 'review', reasons: [...evaluation.reasons, reason], review };
}

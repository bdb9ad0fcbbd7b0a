import { InvalidSignalsError, TenantKeyNotFoundError } from '#core/identity/errors';
import { hashSignals } from '#core/identity/hash-signals';
import { storedContentOf } from '#core/repatrol/stored-content';
import type { CompiledRuleSet } from '#core/rules/compile';
import { evaluate } from '#core/rules/evaluate';
import type { MlScores } from '#core/rules/facts';
import type { Clock } from '#ports/clock';
import type { ContentStore } from '#ports/content-store';
import type { ReviewRequestSender } from '#ports/review-request-sender';
import type { RuleSetSource } from '#ports/rule-set-source';
import type { TenantSecrets } from '#ports/tenant-secrets';
import type { RecordedVerdict, VerdictStore } from '#ports/verdict-store';
import type { Submission } from '#schemas/submission';
import type { Evaluation } from '#schemas/verdict';
import { type OffenderDependencies, observeAuthorFacts, recordAuthorOutcome } from './author-steps.ts';
import { buildAutoVerdict } from './build-verdict.ts';
import {
  InvalidSubmissionError,
  ReviewQueueUnavailableError,
  RulesUnavailableError,
  TenantSecretsUnavailableError,
  UnknownTenantError,
  VerdictStoreUnavailableError,
} from './errors.ts';
import { type MlDependencies, runMlChecks } from './ml-checks.ts';
import { parseSubmission } from './parse-submission.ts';
import { reviewRequestsFor } from './review-requests.ts';

/** What deciding a submission needs from the outside. */
export interface IngestDependencies {
  ruleSets: RuleSetSource;
  secrets: TenantSecrets;
  verdicts: VerdictStore;
  clock: Clock;
  /** Where borderline verdicts and user reports go for people to review; nothing is sent without it. */
  reviews?: ReviewRequestSender;
  /** The author's ledger and counters; without them the rules see no author facts. */
  offenders?: OffenderDependencies;
  /** The classifiers; without them `ml` predicates never match and verdicts carry no scores. */
  ml?: MlDependencies;
  /** Where content is kept for back-tests and re-patrols; nothing is kept without it. */
  content?: ContentStore;
}

/**
 * Decides one message from the ingest queue and stores the verdict: parse, hash the author's
 * signals, gather the author facts, evaluate the active rules, run the ML checks the item still
 * needs (evaluating the rules again with the scores), record, then count any strike.
 * A redelivery returns the stored verdict with `created: false`.
 */
export async function ingestSubmission(
  body: string,
  dependencies: IngestDependencies,
  delivery: { hops?: number } = {},
): Promise<RecordedVerdict> {
  const submission = await withHashedSignals(parseSubmission(body), dependencies.secrets);
  const ruleSet = await activeRuleSet(dependencies.ruleSets);
  const now = dependencies.clock.now();
  const { offenders } = dependencies;
  const observed = offenders === undefined ? undefined : await observeAuthorFacts(submission, now, offenders);
  const facts = observed === undefined ? {} : { facts: observed.facts };
  const evaluateWith = (mlScores?: MlScores): Evaluation => {
    try {
      return evaluate(ruleSet, submission, now, mlScores === undefined ? facts : { ...facts, mlScores });
    } catch (error) {
      throw new RulesUnavailableError(`rule set ${ruleSet.version} failed to evaluate the submission`, {
        cause: error,
      });
    }
  };
  const { evaluation, ml } = await runMlChecks(
    submission,
    evaluateWith(),
    evaluateWith,
    dependencies.ml ?? {},
  );
  const verdict = buildAutoVerdict(submission, evaluation, ruleSet.version, now, ml);
  let recorded: RecordedVerdict;
  try {
    recorded = await dependencies.verdicts.record(verdict);
  } catch (error) {
    throw new VerdictStoreUnavailableError({ cause: error });
  }
  // Kept on a redelivery too, under the verdict's time, so the item is written once whatever the attempt.
  if (dependencies.content !== undefined)
    await dependencies.content.put(storedContentOf(submission, recorded.verdict));
  if (offenders !== undefined && observed !== undefined)
    await recordAuthorOutcome(submission, recorded.verdict, observed, offenders, now);
  // Sent on a redelivery too: the first attempt may have stopped before sending, and intake is idempotent.
  if (dependencies.reviews !== undefined) {
    for (const request of reviewRequestsFor(submission, recorded.verdict)) {
      try {
        await dependencies.reviews.send(request, { hops: delivery.hops ?? 0 });
      } catch (error) {
        throw new ReviewQueueUnavailableError({ cause: error });
      }
    }
  }
  return recorded;
}

/** The submission with its raw signals replaced by hashes, so nothing downstream ever sees them. */
async function withHashedSignals(submission: Submission, secrets: TenantSecrets): Promise<Submission> {
  const { tenant, contentId, author } = submission;
  if (author.signals === undefined) return submission;
  try {
    const signals = await hashSignals(tenant, author.signals, secrets);
    return { ...submission, author: { ...author, signals } };
  } catch (error) {
    if (error instanceof InvalidSignalsError) {
      const issues = error.problems.map((problem) => ({
        path: `author.signals.${problem.signal}`,
        message: problem.message,
      }));
      throw new InvalidSubmissionError(
        `invalid submission: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
        { issues, tenant, contentId },
        { cause: error },
      );
    }
    if (error instanceof TenantKeyNotFoundError)
      throw new UnknownTenantError(tenant, contentId, { cause: error });
    throw new TenantSecretsUnavailableError({ cause: error });
  }
}

async function activeRuleSet(ruleSets: RuleSetSource): Promise<CompiledRuleSet> {
  try {
    return await ruleSets.active();
  } catch (error) {
    throw new RulesUnavailableError('the active rule set could not be loaded', { cause: error });
  }
}

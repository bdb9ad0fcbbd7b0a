import { type ObservedAuthor, observeAuthor, rememberAuthor } from '#core/offenders/author-facts';
import { recordVerdictStrike } from '#core/offenders/record-verdict-strike';
import type { OffenderPolicySource } from '#ports/offender-policy-source';
import type { OffenderStore } from '#ports/offender-store';
import type { Submission } from '#schemas/submission';
import type { Verdict } from '#schemas/verdict';
import { OffenderStoreUnavailableError } from './errors.ts';

/** What judging the author needs: the ledger and counters, and each tenant's offender policy. */
export interface OffenderDependencies {
  store: OffenderStore;
  policies: OffenderPolicySource;
}

/**
 * The author facts for an item, before it is evaluated (docs/offenders.md). An unreadable ledger
 * stops the item, to be retried, rather than letting it pass unjudged.
 */
export async function observeAuthorFacts(
  submission: Submission,
  now: Date,
  offenders: OffenderDependencies,
): Promise<ObservedAuthor> {
  let policy: Awaited<ReturnType<OffenderPolicySource['forTenant']>>;
  try {
    policy = await offenders.policies.forTenant(submission.tenant);
  } catch (error) {
    throw new OffenderStoreUnavailableError(
      `the offender policy of tenant ${submission.tenant} could not be loaded`,
      {
        cause: error,
      },
    );
  }
  try {
    return await observeAuthor(submission, now, { store: offenders.store, policy });
  } catch (error) {
    throw new OffenderStoreUnavailableError('the author facts could not be read', { cause: error });
  }
}

/**
 * What the stored verdict means for its author: new identity links, and a strike (with the ladder
 * after it) for an enforced block. Idempotent, so it also runs on a redelivery.
 */
export async function recordAuthorOutcome(
  submission: Submission,
  verdict: Verdict,
  observed: ObservedAuthor,
  offenders: OffenderDependencies,
  now: Date,
): Promise<void> {
  try {
    await rememberAuthor(submission, observed, offenders.store, now);
    await recordVerdictStrike(verdict, submission.author.userId, {
      store: offenders.store,
      policy: observed.policy,
      now,
    });
  } catch (error) {
    throw new OffenderStoreUnavailableError('the author ledger could not be updated', { cause: error });
  }
}

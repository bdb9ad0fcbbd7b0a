import { decideCase } from '#core/review/decide-case';
import { DecisionBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { idempotencyKeyOf, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/{caseId}/decision`: approve, remove or escalate a case the caller holds; takes an Idempotency-Key. */
export function decideCaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/{caseId}/decision', async (request, principal) => {
    const decision = parseInput(DecisionBodySchema, request.body, 'body');
    const key = idempotencyKeyOf(request);
    const result = await decideCase(principal, request.params.caseId ?? '', decision, api.dependencies, key);
    return { status: 200, body: { case: result.reviewCase, verdict: result.verdict ?? null } };
  });
}

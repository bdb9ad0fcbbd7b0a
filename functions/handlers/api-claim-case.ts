import { claimCase } from '#core/review/claim-case';
import { ClaimBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/{caseId}/claim`: claims one case under a lease; 409 names the holder. */
export function claimCaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/{caseId}/claim', async (request, principal) => {
    parseInput(ClaimBodySchema, request.body, 'body');
    const claimed = await claimCase(principal, request.params.caseId ?? '', api.dependencies);
    return { status: 200, body: { case: caseBody(claimed, api.dependencies.clock.now()) } };
  });
}

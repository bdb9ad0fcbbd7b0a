import { renewLease } from '#core/review/lease-case';
import { ClaimBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/{caseId}/renew`: extends the caller's lease; 409 when someone else holds the case. */
export function renewLeaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/{caseId}/renew', async (request, principal) => {
    const { claimVersion } = parseInput(ClaimBodySchema, request.body, 'body');
    const renewed = await renewLease(principal, request.params.caseId ?? '', claimVersion, api.dependencies);
    return { status: 200, body: { case: caseBody(renewed, api.dependencies.clock.now()) } };
  });
}

import { releaseCase } from '#core/review/lease-case';
import { ClaimBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/{caseId}/release`: hands a case the caller holds back to its queue. */
export function releaseCaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/{caseId}/release', async (request, principal) => {
    const { claimVersion } = parseInput(ClaimBodySchema, request.body, 'body');
    const released = await releaseCase(
      principal,
      request.params.caseId ?? '',
      claimVersion,
      api.dependencies,
    );
    return { status: 200, body: { case: caseBody(released, api.dependencies.clock.now()) } };
  });
}

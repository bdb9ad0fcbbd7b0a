import { claimNextCase } from '#core/review/claim-case';
import { queueNamed } from '#core/review/queue-policy';
import { NextCaseBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/next`: claims the most urgent waiting case of the caller's queues (or `queue`); `case` is null when none waits. */
export function claimNextCaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/next', async (request, principal) => {
    const { queue } = parseInput(NextCaseBodySchema, request.body, 'body');
    if (queue !== undefined) queueNamed(await api.dependencies.policies.policyFor(principal.tenant), queue);
    const claimed = await claimNextCase(principal, api.dependencies, queue);
    return {
      status: 200,
      body: { case: claimed === undefined ? null : caseBody(claimed, api.dependencies.clock.now()) },
    };
  });
}

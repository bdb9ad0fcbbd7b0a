import { assertMayWork } from '#core/review/queue-access';
import { queueNamed } from '#core/review/queue-policy';
import { ListCasesQuerySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, parseInput, queryObject, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `GET /v1/cases?queue=&status=&overdue=&limit=`: a queue's cases, most urgent first. */
export function listCasesRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'GET', '/v1/cases', async (request, principal) => {
    const query = parseInput(ListCasesQuerySchema, queryObject(request), 'query');
    const { cases, policies, clock } = api.dependencies;
    const policy = await policies.policyFor(principal.tenant);
    queueNamed(policy, query.queue);
    assertMayWork(policy, query.queue, principal);
    const now = clock.now();
    const found = await cases.list(principal.tenant, {
      queue: query.queue,
      ...(query.status === undefined ? {} : { status: query.status }),
      overdue: query.overdue === 'true',
      now,
      limit: query.limit,
    });
    return { status: 200, body: { cases: found.map((reviewCase) => caseBody(reviewCase, now)) } };
  });
}

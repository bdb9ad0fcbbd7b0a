import { CaseNotFoundError } from '#core/review/errors';
import { assertMayWork } from '#core/review/queue-access';
import type { HttpRoute } from '#shared/http-route';
import { type ReviewApi, reviewRoute } from '#shared/review-api';

/** `GET /v1/cases/{caseId}/audit`: who did what to the case and when, with the case before and after, and who viewed it. */
export function getCaseAuditRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'GET', '/v1/cases/{caseId}/audit', async (request, principal) => {
    const caseId = request.params.caseId ?? '';
    const { cases, policies } = api.dependencies;
    const reviewCase = await cases.get(principal.tenant, caseId);
    if (reviewCase === undefined) throw new CaseNotFoundError(caseId);
    assertMayWork(await policies.policyFor(principal.tenant), reviewCase.queue, principal);
    return { status: 200, body: { caseId, entries: await cases.audit(principal.tenant, caseId) } };
  });
}

import { viewCase } from '#core/review/view-case';
import type { HttpRoute } from '#shared/http-route';
import { caseBody, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `GET /v1/cases/{caseId}`: the case with its content, highlights, verdict history and reports; the view is audited first. */
export function getCaseRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'GET', '/v1/cases/{caseId}', async (request, principal) => {
    const view = await viewCase(principal, request.params.caseId ?? '', api.dependencies);
    return {
      status: 200,
      body: {
        case: caseBody(view.reviewCase, api.dependencies.clock.now()),
        highlights: view.reviewCase.reasons.flatMap((reason) =>
          reason.spans.map((span) => ({ ...span, ruleId: reason.ruleId, clause: reason.clause })),
        ),
        verdictHistory: view.verdictHistory,
        reports: view.reports,
      },
    };
  });
}

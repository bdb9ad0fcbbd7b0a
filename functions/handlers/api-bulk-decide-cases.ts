import { decideCases } from '#core/review/decide-case';
import { BulkDecisionBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { idempotencyKeyOf, parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/cases/bulk-decision`: one decision on a selection of one queue's cases, each reported on its own. */
export function bulkDecideCasesRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/cases/bulk-decision', async (request, principal) => {
    const bulk = parseInput(BulkDecisionBodySchema, request.body, 'body');
    const { results } = await decideCases(principal, bulk, api.dependencies, idempotencyKeyOf(request));
    return {
      status: 200,
      body: {
        results: results.map((result) =>
          result.status === 'decided' ? { caseId: result.caseId, status: 'decided' } : result,
        ),
      },
    };
  });
}

import { submitAppeal } from '#core/review/submit-appeal';
import { AppealBodySchema } from '#schemas/review-api';
import type { HttpRoute } from '#shared/http-route';
import { parseInput, type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/appeals`: opens the appeal case of a verdict (201), or returns the one already open (200). */
export function submitAppealRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/appeals', async (request, principal) => {
    const appeal = parseInput(AppealBodySchema, request.body, 'body');
    const { reviewCase, created } = await submitAppeal(principal, appeal, api.dependencies);
    return { status: created ? 201 : 200, body: { case: reviewCase } };
  });
}

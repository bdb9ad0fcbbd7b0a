import { muteReporter } from '#core/review/mute-reporter';
import { InvalidRequestError } from '#shared/http-errors';
import type { HttpRoute } from '#shared/http-route';
import { type ReviewApi, reviewRoute } from '#shared/review-api';

/** `POST /v1/reporters/{reporterId}/mute`: the reporter's later reports are recorded, not queued. */
export function muteReporterRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'POST', '/v1/reporters/{reporterId}/mute', async (request, principal) => {
    const reporterId = request.params.reporterId ?? '';
    if (reporterId.length === 0 || reporterId.length > 256)
      throw new InvalidRequestError('reporterId', 'expected 1 to 256 characters');
    return { status: 200, body: await muteReporter(principal, reporterId, api.dependencies) };
  });
}

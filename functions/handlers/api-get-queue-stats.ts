import { queueStats } from '#core/review/queue-stats';
import type { HttpRoute } from '#shared/http-route';
import { type ReviewApi, reviewRoute } from '#shared/review-api';

/** `GET /v1/queues/{queue}/stats`: backlog, oldest age, SLA compliance over 24 hours, average handling time. */
export function getQueueStatsRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'GET', '/v1/queues/{queue}/stats', async (request, principal) => ({
    status: 200,
    body: await queueStats(principal, request.params.queue ?? '', api.dependencies),
  }));
}

import { mayWork } from '#core/review/queue-access';
import type { HttpRoute } from '#shared/http-route';
import { type ReviewApi, reviewRoute } from '#shared/review-api';

/** `GET /v1/queues`: the queues the caller may work, with their SLAs and calendars. */
export function listQueuesRoute(api: ReviewApi): HttpRoute {
  return reviewRoute(api, 'GET', '/v1/queues', async (_request, principal) => {
    const policy = await api.dependencies.policies.policyFor(principal.tenant);
    const queues = policy.queues
      .filter((queue) => mayWork(policy, queue.name, principal))
      .map(({ name, description, sla, calendar, warnAt, escalateTo }) => ({
        name,
        ...(description === undefined ? {} : { description }),
        sla,
        calendar:
          calendar === '24/7' ? '24/7' : { name: calendar, ...(policy.calendars[calendar] as object) },
        warnAt,
        ...(escalateTo === undefined ? {} : { escalateTo }),
      }));
    return { status: 200, body: { queues } };
  });
}

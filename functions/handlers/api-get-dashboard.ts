import { dashboardFigures } from '#core/dashboard/dashboard-figures';
import type { ReviewCase } from '#schemas/review-case';
import { InvalidRequestError } from '#shared/http-errors';
import type { HttpRoute } from '#shared/http-route';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

const CONTENT_LIMIT = 50_000;
const OPEN_CASES_LIMIT = 200;

/** `GET /v1/dashboard?hours=`: volume and decisions per hour, SLA by queue, backlog age, per-rule hits and overturns, throughput, ML use. */
export function getDashboardRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'GET', '/v1/dashboard', async (request, principal) => {
    const hours = Number(request.query.get('hours') ?? '24');
    if (!Number.isInteger(hours) || hours < 1 || hours > 168)
      throw new InvalidRequestError('query.hours', 'expected a whole number of hours from 1 to 168');
    const now = api.clock.now();
    const since = new Date(now.getTime() - hours * 3_600_000);
    const policy = await api.policies.policyFor(principal.tenant);
    const [content, ...perQueue] = await Promise.all([
      api.repatrol?.content.since(principal.tenant, since, now, CONTENT_LIMIT) ?? Promise.resolve([]),
      ...policy.queues.map(
        async (queue): Promise<ReviewCase[]> => [
          ...(await api.cases.decidedSince(principal.tenant, queue.name, since, now)),
          ...(await api.cases.list(principal.tenant, { queue: queue.name, now, limit: OPEN_CASES_LIMIT })),
        ],
      ),
    ]);
    const cases = [...new Map(perQueue.flat().map((reviewCase) => [reviewCase.caseId, reviewCase])).values()];
    return { status: 200, body: dashboardFigures(content, cases, { now, hours }) };
  });
}

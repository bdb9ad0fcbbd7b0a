import { RepatrolNotFoundError } from '#core/rule-sets/errors';
import type { HttpRoute } from '#shared/http-route';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

/** `GET /v1/repatrols/{jobId}`: a re-patrol's progress (evaluated of total, new hits, cases requested). */
export function getRepatrolRoute(api: RulesApi & Required<Pick<RulesApi, 'repatrol'>>): HttpRoute {
  return rulesRoute(api, 'GET', '/v1/repatrols/{jobId}', async (request, principal) => {
    const jobId = request.params.jobId ?? '';
    const job = await api.repatrol.jobs.get(principal.tenant, jobId);
    if (job === undefined) throw new RepatrolNotFoundError(jobId);
    return { status: 200, body: { job } };
  });
}

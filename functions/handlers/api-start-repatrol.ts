import { randomUUID } from 'node:crypto';
import { runRepatrol } from '#core/repatrol/repatrol';
import { RuleSetVersionNotFoundError } from '#core/rule-sets/errors';
import { compilePacks } from '#core/rule-sets/manage-rule-sets';
import { compileRuleSet } from '#core/rules/compile';
import type { RepatrolJob } from '#schemas/stored-content';
import { RepatrolBodySchema } from '#schemas/stored-content';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

/** `POST /v1/rule-sets/repatrol`: starts re-patrolling published content with the live rules; 202 with the job to poll. */
export function startRepatrolRoute(api: RulesApi & Required<Pick<RulesApi, 'repatrol'>>): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets/repatrol', async (request, principal) => {
    const { days, ruleId } = parseInput(RepatrolBodySchema, request.body, 'body');
    const pointer = await api.store.pointer();
    const live = pointer === undefined ? undefined : await api.store.version(pointer.active);
    if (live === undefined) throw new RuleSetVersionNotFoundError(pointer?.active ?? 1);
    const ruleSet = compileRuleSet(compilePacks(live.packs).packs);
    const job: RepatrolJob = {
      jobId: randomUUID(),
      tenant: principal.tenant,
      startedBy: principal.userId,
      startedAt: api.clock.now().toISOString(),
      ruleSetVersion: live.number,
      ...(ruleId === undefined ? {} : { ruleId }),
      days,
      status: 'running',
      total: 0,
      evaluated: 0,
      newHits: 0,
      casesRequested: 0,
    };
    await api.repatrol.jobs.save(job);
    void runRepatrol(job, ruleSet, { ...api.repatrol, clock: api.clock }).catch((error: unknown) =>
      api.onError?.(error),
    );
    return { status: 202, body: { job } };
  });
}

import { backtestRuleSet, collectBacktestItems } from '#core/backtest/backtest-rule-set';
import { RuleSetVersionNotFoundError } from '#core/rule-sets/errors';
import { compilePacks } from '#core/rule-sets/manage-rule-sets';
import { compileRuleSet } from '#core/rules/compile';
import { BacktestBodySchema } from '#schemas/rule-set-version';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute, versionParam } from '#shared/rules-api';

/** `POST /v1/rule-sets/{version}/backtest`: the version against the live one over the last `days` of reviewed content. */
export function backtestRuleSetRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets/{version}/backtest', async (request, principal) => {
    const { days } = parseInput(BacktestBodySchema, request.body, 'body');
    const number = versionParam(request);
    const pointer = await api.store.pointer();
    const [candidate, live] = await Promise.all([
      api.store.version(number),
      api.store.version(pointer?.active ?? number),
    ]);
    if (candidate === undefined) throw new RuleSetVersionNotFoundError(number);
    if (live === undefined) throw new RuleSetVersionNotFoundError(pointer?.active ?? number);
    const now = api.clock.now();
    const items = await collectBacktestItems(principal.tenant, days, {
      ...api,
      ...(api.repatrol === undefined ? {} : { content: api.repatrol.content }),
      now,
    });
    const report = backtestRuleSet(
      items,
      compileRuleSet(compilePacks(live.packs).packs),
      compileRuleSet(compilePacks(candidate.packs).packs),
      now,
    );
    return { status: 200, body: { version: number, liveVersion: live.number, days, ...report } };
  });
}

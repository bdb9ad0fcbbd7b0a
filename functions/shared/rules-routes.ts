import { backtestRuleSetRoute } from '#handlers/api-backtest-rule-set';
import { diffRuleSetsRoute } from '#handlers/api-diff-rule-sets';
import { getDashboardRoute } from '#handlers/api-get-dashboard';
import { getRepatrolRoute } from '#handlers/api-get-repatrol';
import { getRuleSetRoute } from '#handlers/api-get-rule-set';
import { listRuleSetsRoute } from '#handlers/api-list-rule-sets';
import { publishRuleSetRoute } from '#handlers/api-publish-rule-set';
import { rollBackRuleSetRoute } from '#handlers/api-roll-back-rule-set';
import { saveRuleSetRoute } from '#handlers/api-save-rule-set';
import { startRepatrolRoute } from '#handlers/api-start-repatrol';
import { validateRulePackRoute } from '#handlers/api-validate-rule-pack';
import type { HttpRoute } from './http-route.ts';
import type { RulesApi } from './rules-api.ts';

/** Every route of the rules API for leads and admins; the diff comes before `{version}`, which would match it. */
export function rulesRoutes(api: RulesApi): HttpRoute[] {
  const { repatrol } = api;
  return [
    ...(repatrol === undefined
      ? []
      : [startRepatrolRoute({ ...api, repatrol }), getRepatrolRoute({ ...api, repatrol })]),
    listRuleSetsRoute(api),
    getDashboardRoute(api),
    diffRuleSetsRoute(api),
    getRuleSetRoute(api),
    validateRulePackRoute(api),
    saveRuleSetRoute(api),
    publishRuleSetRoute(api),
    rollBackRuleSetRoute(api),
    backtestRuleSetRoute(api),
  ];
}

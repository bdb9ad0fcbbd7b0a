import { saveRuleSet } from '#core/rule-sets/manage-rule-sets';
import { SaveRuleSetBodySchema } from '#schemas/rule-set-version';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

/** `POST /v1/rule-sets`: saves edited packs as a new draft version; 400 with every located issue when they do not check. */
export function saveRuleSetRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets', async (request, principal) => {
    const draft = parseInput(SaveRuleSetBodySchema, request.body, 'body');
    const { packs: _packs, ...version } = await saveRuleSet(principal, draft, api);
    return { status: 201, body: { version } };
  });
}

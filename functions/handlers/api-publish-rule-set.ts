import { publishRuleSet } from '#core/rule-sets/manage-rule-sets';
import { MovePointerBodySchema } from '#schemas/rule-set-version';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute, versionParam } from '#shared/rules-api';

/** `POST /v1/rule-sets/{version}/publish`: makes the version live if `expectedActive` is still live; audited. */
export function publishRuleSetRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets/{version}/publish', async (request, principal) => {
    const { expectedActive } = parseInput(MovePointerBodySchema, request.body, 'body');
    const active = await publishRuleSet(principal, versionParam(request), expectedActive, api);
    return { status: 200, body: { active } };
  });
}

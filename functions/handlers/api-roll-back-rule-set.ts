import { rollBackRuleSet } from '#core/rule-sets/manage-rule-sets';
import { MovePointerBodySchema } from '#schemas/rule-set-version';
import type { HttpRoute } from '#shared/http-route';
import { parseInput } from '#shared/review-api';
import { type RulesApi, rulesRoute } from '#shared/rules-api';

/** `POST /v1/rule-sets/rollback`: moves the pointer back to the version live before; audited. */
export function rollBackRuleSetRoute(api: RulesApi): HttpRoute {
  return rulesRoute(api, 'POST', '/v1/rule-sets/rollback', async (request, principal) => {
    const { expectedActive } = parseInput(MovePointerBodySchema, request.body, 'body');
    return { status: 200, body: { active: await rollBackRuleSet(principal, expectedActive, api) } };
  });
}
